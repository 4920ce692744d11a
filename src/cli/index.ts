import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, resolveServeConfig, type ServeConfig } from './config.js';
import { databaseFailure } from './exit.js';

const USAGE = `Usage:
  canvass serve [--port 3000] [--host 127.0.0.1] [--surveys DIR] [--database URL]
                [--data-dir DIR] [--session-format canvass|flask] [--workers N|auto]
                [--rate-limit N] [--trust-proxy HOPS|ADDRESSES]
  canvass check [DIR | FILE...]
                           validate survey files without serving (DIR: CANVASS_SURVEYS)
  canvass export SLUG [--format csv|json|xlsx] [--bom] [--out FILE] [--version N]
                 [--database URL]
                           write a survey's responses (progress on stderr) from an
                           existing database (DATABASE_URL); --bom starts a CSV with a
                           UTF-8 byte order mark, for Excel
  canvass --version
  canvass [COMMAND] --help

Every serve option can also come from the environment; see the README.
`;

/** `--help` / `-h`, which every command takes. */
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

const SERVE_FLAGS = {
  port: 'port',
  host: 'host',
  surveys: 'surveys',
  database: 'databaseUrl',
  'data-dir': 'dataDir',
  'session-format': 'sessionFormat',
  workers: 'workers',
  'rate-limit': 'rateLimit',
  'trust-proxy': 'trustProxy',
} as const satisfies Record<string, keyof ServeConfig>;

/** The `canvass` command. Returns the exit code; `serve` keeps the process alive until a signal. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseArgs({
          args: rest,
          options: {
            ...HELP,
            ...Object.fromEntries(
              Object.keys(SERVE_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
            ),
          },
          strict: true,
        });
        if (values.help === true) return help();
        const flags: Partial<Record<keyof ServeConfig, string>> = {};
        for (const [flag, key] of Object.entries(SERVE_FLAGS)) {
          const value = (values as Record<string, unknown>)[flag];
          if (typeof value === 'string') flags[key] = value;
        }
        const config = resolveServeConfig(flags, process.env);
        // Each command's modules are loaded when it runs: a server never loads the export's
        // progress bar, which paged ~5 MB into every server process.
        if (config.workers > 1) await (await import('./cluster.js')).serveCluster(config);
        else await (await import('./serve.js')).serve(config);
        return 0;
      }
      case 'export': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            format: { type: 'string' },
            bom: { type: 'boolean' },
            out: { type: 'string' },
            version: { type: 'string' },
            database: { type: 'string' },
            ...HELP,
          },
          strict: true,
        });
        if (values.help === true) return help();
        const { database, help: _, ...options } = values;
        // The database serve would use: --database, else DATABASE_URL, else the default.
        const config = resolveServeConfig(
          database === undefined ? {} : { databaseUrl: database },
          process.env,
        );
        const { exportResponses } = await import('./export.js');
        return await exportResponses({
          ...options,
          slug: positionals[0] ?? '',
          databaseUrl: config.databaseUrl,
        });
      }
      case 'check': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: HELP,
          strict: true,
        });
        if (values.help === true) return help();
        // Files named one by one; else the surveys serve would load: DIR, else CANVASS_SURVEYS,
        // else the built-in ones.
        const { check } = await import('./check.js');
        if (positionals.length > 1) return await check(positionals);
        const dir = positionals[0];
        const config = resolveServeConfig(dir === undefined ? {} : { surveys: dir }, process.env);
        return await check(config.surveys);
      }
      case '--version':
      case '-v': {
        const pkg = JSON.parse(
          readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
        ) as { version: string };
        process.stdout.write(`canvass ${pkg.version}\n`);
        return 0;
      }
      case undefined:
        process.stdout.write(USAGE);
        return 1;
      case 'help':
      case '--help':
      case '-h':
        return help();
      default:
        process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    const database = databaseFailure(error);
    if (database !== undefined) {
      process.stderr.write(`${database.line}\n`);
      return database.code;
    }
    // Bad flags and bad configuration are the operator's to fix: say what, without a stack.
    if (
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `--help` on any command: the whole usage, which is short, on stdout. */
function help(): number {
  process.stdout.write(USAGE);
  return 0;
}
