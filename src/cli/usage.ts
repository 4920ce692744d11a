/** What each command takes, as `--help` prints it. */
export const COMMAND_USAGE = {
  serve: `  canvass serve [--port 3000] [--host 127.0.0.1] [--surveys DIR] [--database URL]
                [--data-dir DIR] [--session-format canvass|flask] [--workers N|auto]
                [--rate-limit N] [--trust-proxy HOPS|ADDRESSES]
                           serve the surveys
`,
  check: `  canvass check [DIR]      validate survey files without serving (DIR: CANVASS_SURVEYS)
`,
  export: `  canvass export SLUG [--format csv|json] [--out FILE] [--version N] [--database URL]
                           write a survey's responses (progress on stderr) from an
                           existing database (DATABASE_URL)
`,
} as const;

const FOOTER = `
Every option can also come from the environment, as serve reads it; see the README.
`;

/** The usage of one command, or of all. */
export function usage(command?: keyof typeof COMMAND_USAGE): string {
  const lines =
    command === undefined
      ? `${Object.values(COMMAND_USAGE).join('')}  canvass --version\n  canvass --help\n`
      : COMMAND_USAGE[command];
  return `Usage:\n${lines}${FOOTER}`;
}
