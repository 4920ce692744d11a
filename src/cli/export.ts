import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import {
  encodeExport,
  encodeXlsx,
  surveyFromDefinition,
  type ExportResponse,
} from '../domain/index.js';
import { openStorage, type Storage } from '../storage/index.js';
import { ConfigError } from './config.js';

const exportOptionsSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/, 'SLUG must be [a-z0-9-]+'),
  format: z
    .enum(['csv', 'json', 'xlsx'], { message: '--format must be csv, json or xlsx' })
    .default('csv'),
  out: z.string().min(1).optional(),
  version: z.coerce.number().int().positive().optional(),
  databaseUrl: z.string().min(1).default('sqlite:./data/canvass.db'),
  /** `--bom`: a UTF-8 byte order mark before the CSV, for Excel (as `?bom=1` in the admin). */
  bom: z.boolean().default(false),
});

type TextOption = Exclude<keyof z.input<typeof exportOptionsSchema>, 'bom'>;

/** The options as they arrive from flags and the environment: text (and the --bom switch). */
export type ExportOptions = Partial<Record<TextOption, string>> & { readonly bom?: boolean };

/**
 * `canvass export SLUG --format csv|json|xlsx [--bom] [--out FILE] [--version N] [--database
 * URL]`: the same bytes as the admin download, streamed from the database in keyset pages
 * (constant memory) to FILE or stdout, with a progress bar on stderr. Without --version it
 * exports the newest stored version of the survey. An XLSX is a zip: it goes to a file or a
 * pipe, never to a terminal.
 */
export async function exportResponses(
  input: ExportOptions,
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  const parsed = exportOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => i.message).join('\n'));
  }
  const options = parsed.data;
  if (options.bom && options.format !== 'csv') {
    throw new ConfigError('--bom applies to --format csv only');
  }
  if (options.format === 'xlsx' && options.out === undefined && isTerminal(stdout)) {
    throw new ConfigError('--format xlsx writes a binary file: give --out FILE or pipe stdout');
  }
  // Export reads: it never creates a database where there is none (issue 18).
  const storage = await openStorage(options.databaseUrl, { existing: true });
  try {
    return await run(storage, options, stdout, stderr);
  } finally {
    await storage.close();
  }
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

async function run(
  storage: Storage,
  options: z.output<typeof exportOptionsSchema>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WriteStream,
): Promise<number> {
  const versions = await storage.listVersions(options.slug);
  const version =
    options.version === undefined
      ? versions[0]
      : versions.find((v) => v.number === options.version);
  const survey = version && surveyFromDefinition(options.slug, version.definition);
  if (version === undefined || survey === undefined) {
    stderr.write(
      versions.length === 0
        ? `No survey "${options.slug}" in this database.\n`
        : `Survey "${options.slug}" has no version ${String(options.version)} (it has ${versions.map((v) => v.number).join(', ')}).\n`,
    );
    return 1;
  }
  // The bar draws only on a terminal; piped stderr gets nothing but the closing summary.
  const bar = new SingleBar({
    stream: stderr,
    format: `Exporting ${options.slug} v${version.number} [{bar}] {value}/{total} responses`,
  });
  bar.start(version.started, 0);
  let done = 0;
  const counted = async function* (): AsyncGenerator<ExportResponse> {
    for await (const response of storage.streamResponses(version.id)) {
      yield response;
      if (++done % 500 === 0) bar.update(done);
    }
  };
  const chunks = Readable.from(
    options.format === 'xlsx'
      ? encodeXlsx(survey, version.number, counted())
      : encodeExport(options.format, survey, version.number, counted(), { bom: options.bom }),
  );
  const target = options.out === undefined ? stdout : createWriteStream(options.out);
  // pipeline waits for the destination to drain: backpressure all the way to the database.
  // stdout is not ended: the process may still write to it.
  await pipeline(chunks, target, { end: options.out !== undefined });
  bar.update(done);
  bar.stop();
  stderr.write(`Exported ${done} responses of ${options.slug} version ${version.number}.\n`);
  return 0;
}
