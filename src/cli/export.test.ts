import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { canonicalDefinition, definitionHash, surveyFileSchema } from '../domain/index.js';
import { openStorage, type Storage } from '../storage/index.js';
import { exportResponses } from './export.js';

const at = new Date('2024-05-01T10:00:00.000Z');

/** Registers `file` as the survey `cli`'s version and begins a response on it, at `at`. */
async function beginResponse(storage: Storage, file: unknown): Promise<number> {
  const definition = canonicalDefinition(surveyFileSchema.parse(file));
  const version = await storage.registerVersion({
    survey: 'cli',
    hash: definitionHash(definition),
    definition,
    at,
  });
  return storage.createResponse({ survey: 'cli', versionId: version.id, startedAt: at });
}

test('writes a version’s responses to a file as CSV or JSON, and reports on stderr', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-export-'));
  try {
    const databaseUrl = `sqlite:${join(dir, 'canvass.db')}`;
    const storage = await openStorage(databaseUrl);
    const id = await beginResponse(storage, { title: 'T', questions: [{ text: '=Q?' }] });
    await storage.recordAnswer({
      ...{ responseId: id, survey: 'cli', question: 0, answer: 'Yes', comment: null },
      ...{ completes: true, at },
    });
    await storage.close();

    const stderr = new PassThrough();
    let report = '';
    stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
    const out = join(dir, 'out.csv');
    const code = await exportResponses(
      { slug: 'cli', databaseUrl, out },
      new PassThrough(),
      stderr as unknown as NodeJS.WriteStream,
    );
    assert.equal(code, 0);
    assert.equal(
      readFileSync(out, 'utf8'),
      `id,started_at,completed_at,'=Q?\r\n${id},${at.toISOString()},${at.toISOString()},Yes\r\n`,
    );
    assert.match(report, /Exported 1 responses of cli version 1\./);

    const json = join(dir, 'out.json');
    assert.equal(
      await exportResponses(
        { slug: 'cli', databaseUrl, out: json, format: 'json' },
        new PassThrough(),
        stderr as unknown as NodeJS.WriteStream,
      ),
      0,
    );
    assert.equal((JSON.parse(readFileSync(json, 'utf8')) as { survey: string }).survey, 'cli');
    assert.equal(
      await exportResponses(
        { slug: 'nope', databaseUrl },
        new PassThrough(),
        stderr as unknown as NodeJS.WriteStream,
      ),
      1,
    );
    assert.match(report, /No survey "nope" in this database\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exports a format-2 survey in the §9 layout, its numbers as numbers (no formula guard on -5)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-export-'));
  try {
    const databaseUrl = `sqlite:${join(dir, 'canvass.db')}`;
    const storage = await openStorage(databaseUrl);
    const id = await beginResponse(storage, {
      title: 'T',
      questions: [
        { id: 'temp', type: 'number', text: 'Coldest?', min: -50, max: 50 },
        { id: 'fruit', type: 'multi', text: 'Fruit?', choices: ['Apple', 'Pear'] },
      ],
    });
    const base = { responseId: id, survey: 'cli', comment: null, at };
    await storage.recordAnswer({ ...base, question: 0, answer: '-5', num: -5, completes: false });
    await storage.recordAnswer({
      ...base,
      question: 1,
      answer: '',
      items: [{ item: null, value: 'Pear', num: null }],
      completes: true,
    });
    await storage.close();
    const out = join(dir, 'out.csv');
    const stderr = new PassThrough();
    const code = await exportResponses(
      { slug: 'cli', databaseUrl, out },
      new PassThrough(),
      stderr as unknown as NodeJS.WriteStream,
    );
    assert.equal(code, 0);
    const stamp = at.toISOString();
    assert.equal(
      readFileSync(out, 'utf8'),
      'id,started_at,completed_at,Coldest?,Fruit? [Apple],Fruit? [Pear]\r\n' +
        `${id},${stamp},${stamp},-5,0,1\r\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writes XLSX that reads back as the CSV’s cells, numbers as numbers, formulas guarded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-export-'));
  try {
    const databaseUrl = `sqlite:${join(dir, 'canvass.db')}`;
    const storage = await openStorage(databaseUrl);
    const id = await beginResponse(storage, {
      title: 'T',
      questions: [
        { id: 'temp', type: 'number', text: 'Coldest?', min: -50, max: 50 },
        { id: 'why', type: 'text', text: '=Why?' },
      ],
    });
    const base = { responseId: id, survey: 'cli', comment: null, at };
    await storage.recordAnswer({ ...base, question: 0, answer: '-5', num: -5, completes: false });
    await storage.recordAnswer({ ...base, question: 1, answer: '-1+2', completes: true });
    await storage.close();
    const out = join(dir, 'out.xlsx');
    const stderr = new PassThrough();
    const code = await exportResponses(
      { slug: 'cli', databaseUrl, out, format: 'xlsx' },
      new PassThrough(),
      stderr as unknown as NodeJS.WriteStream,
    );
    assert.equal(code, 0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => rows.push([1, 2, 3, 4, 5].map((c) => row.getCell(c).value)));
    const stamp = at.toISOString();
    assert.deepEqual(rows, [
      ['id', 'started_at', 'completed_at', 'Coldest?', "'=Why?"],
      [id, stamp, stamp, -5, "'-1+2"],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('starts the CSV with a byte order mark on --bom, and refuses --bom for other formats', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-export-'));
  try {
    const databaseUrl = `sqlite:${join(dir, 'canvass.db')}`;
    const storage = await openStorage(databaseUrl);
    await beginResponse(storage, { title: 'T', questions: [{ text: 'Café?' }] });
    await storage.close();
    const out = join(dir, 'out.csv');
    const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
    assert.equal(
      await exportResponses(
        { slug: 'cli', databaseUrl, out, bom: true },
        new PassThrough(),
        stderr,
      ),
      0,
    );
    assert.deepEqual([...readFileSync(out).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(readFileSync(out, 'utf8'), /^\uFEFFid,started_at,completed_at,Café\?\r\n/);
    await assert.rejects(
      exportResponses({ slug: 'cli', databaseUrl, format: 'json', bom: true }),
      /--bom applies to --format csv only/,
    );
    await assert.rejects(
      exportResponses({ slug: 'cli', databaseUrl, format: 'pdf' }),
      /--format must be csv, json or xlsx/,
    );
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    await assert.rejects(
      exportResponses({ slug: 'cli', databaseUrl, format: 'xlsx' }, terminal, stderr),
      /--format xlsx writes a binary file: give --out FILE or pipe stdout/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
