import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, resolveServeConfig, type ServeConfig } from './config.js';

const USAGE = `Usage:
  canvass serve [--port 3000] [--host 127.0.0.1] [--surveys DIR] [--database URL]
                [--data-dir DIR] [--session-format canvass|flask] [--workers N|auto]
                [--rate-limit N] [--trust-proxy HOPS|ADDRESSES]
  canvass check [DIR]      validate survey files without serving
  canvass export SLUG [--format csv|json] [--out FILE] [--version N] [--database URL]
                           write a survey's responses (progress on stderr)
  canvass --version

Every serve option can also come from the environment; see the README.
`;

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
          options: Object.fromEntries(
            Object.keys(SERVE_FLAGS).map((flag) => [flag, { type: 'string' }]),
          ),
          strict: true,
        });
        const flags: Partial<Record<keyof ServeConfig, string>> = {};
        for (const [flag, key] of Object.entries(SERVE_FLAGS)) {
          const value = values[flag];
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
            out: { type: 'string' },
            version: { type: 'string' },
            database: { type: 'string' },
          },
          strict: true,
        });
        const databaseUrl = values.database ?? process.env.DATABASE_URL;
        const { exportResponses } = await import('./export.js');
        return await exportResponses({
          ...values,
          slug: positionals[0] ?? '',
          ...(databaseUrl === undefined || databaseUrl === '' ? {} : { databaseUrl }),
        });
      }
      case 'check': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true });
        const { check } = await import('./check.js');
        return await check(positionals[0]);
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
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
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
