import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Format 1: choice texts and a comment a spreadsheet would run as formulas. */
const classic = makeSurvey('export', {
  title: 'Export',
  questions: [
    { text: 'Pick, one', choices: ['=1+1', 'He said "hi"', 'line\nbreak', 'plain'] },
    { text: 'Why?', choices: ['@home', 'café ☕'], allowText: true },
  ],
});

/** Format 2: a hidden field, a number, a multi (0/1 cells) and free text. */
const typed = makeSurvey('typed', {
  title: 'Typed',
  hidden: ['source'],
  questions: [
    { id: 'temp', type: 'number', text: 'Coldest?', min: -50, max: 50 },
    { id: 'fruit', type: 'multi', text: 'Fruit?', choices: ['Apple', 'Pear'] },
    { id: 'why', type: 'text', text: 'Why?' },
  ],
});

/**
 * A download's raw bytes (the test browser reads bodies as text, which would mangle a zip),
 * with the admin's cookie from the jar.
 */
async function download(admin: Browser, url: string) {
  assert.ok(t);
  const cookie = await admin.jar.getCookieString(new URL(url, admin.origin).toString());
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
}

/** RFC 4180 fields, as a spreadsheet reads the CSV (quotes removed, CRLF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted && c === '"' && text.charAt(i + 1) === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text.charAt(i + 1) === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

/** Every row of the workbook's one sheet, cells as exceljs reads them (empty: undefined). */
async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  assert.equal(workbook.worksheets.length, 1);
  const sheet = workbook.worksheets[0];
  assert.ok(sheet);
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value));
  });
  return { name: sheet.name, rows };
}

/**
 * The XLSX and the CSV of the same export agree cell for cell (a line break inside a cell is
 * CR LF in the CSV, LF in the sheet).
 */
async function assertSameAsCsv(admin: Browser, slug: string) {
  const csv = await admin.get(`/admin/surveys/${slug}/responses.csv`);
  const xlsx = await download(admin, `/admin/surveys/${slug}/responses.xlsx`);
  assert.equal(xlsx.status, 200);
  const { rows } = await readXlsx(xlsx.bytes);
  const csvRows = parseCsv(csv.body);
  assert.equal(rows.length, csvRows.length);
  rows.forEach((row, r) => {
    assert.equal(row.length, csvRows[r]?.length, `row ${r} width`);
    row.forEach((cell, c) => {
      const field = csvRows[r]?.[c]?.replaceAll('\r\n', '\n');
      assert.ok(cell === null || ['string', 'number'].includes(typeof cell), `cell ${r},${c}`);
      assert.equal(cell === null ? '' : String(cell as string | number), field, `cell ${r},${c}`);
    });
  });
  return rows;
}

test('exports XLSX with the CSV’s header and cells, formulas guarded as in the CSV', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [classic] });
  const done = t.browser();
  await begin(done, 'export');
  await answerAll(done, 'export', [
    '=1+1',
    { answer: 'café ☕', comment: '-2+3, "quoted"\r\nnext line' },
  ]);
  const partial = t.browser();
  await begin(partial, 'export');
  await answerAll(partial, 'export', ['He said "hi"']);
  const admin = t.browser();
  await logInAsAdmin(admin);

  const xlsx = await download(admin, '/admin/surveys/export/responses.xlsx');
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers['content-type'], XLSX);
  assert.equal(
    xlsx.headers['content-disposition'],
    'attachment; filename="export-v1-responses.xlsx"',
  );
  assert.equal(xlsx.headers['cache-control'], 'private, no-store');
  const rows = await assertSameAsCsv(admin, 'export');
  const [stored1, stored2] = await t.storage.listResponses('export');
  assert.ok(stored1 && stored2);
  assert.deepEqual(rows, [
    ['id', 'started_at', 'completed_at', 'Pick, one', 'Why?', 'Why? (comment)'],
    [
      stored1.id,
      stored1.startedAt,
      stored1.completedAt,
      "'=1+1",
      'café ☕',
      '\'-2+3, "quoted"\nnext line',
    ],
    [stored2.id, stored2.startedAt, null, 'He said "hi"', null, null],
  ]);
  assert.equal((await readXlsx(xlsx.bytes)).name, 'Responses v1');
});

test('exports a format-2 survey’s numbers as number cells and its hidden fields, text guarded', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [typed] });
  const versionId = (await t.storage.listVersions('typed'))[0]?.id;
  assert.ok(versionId !== undefined);
  const at = new Date('2024-05-01T10:00:00.000Z');
  const id = await t.storage.createResponse({
    survey: 'typed',
    versionId,
    startedAt: at,
    hidden: { source: '+mail' },
  });
  const base = { responseId: id, survey: 'typed', comment: null, at, completes: false };
  await t.storage.recordAnswer({ ...base, question: 0, answer: '-5', num: -5 });
  await t.storage.recordAnswer({
    ...base,
    question: 1,
    answer: '',
    items: [{ item: null, value: 'Pear', num: null }],
  });
  await t.storage.recordAnswer({ ...base, question: 2, answer: '@SUM(A1)', completes: true });
  const admin = t.browser();
  await logInAsAdmin(admin);
  const rows = await assertSameAsCsv(admin, 'typed');
  const stamp = at.toISOString();
  assert.deepEqual(rows, [
    [
      'id',
      'started_at',
      'completed_at',
      'source',
      'Coldest?',
      'Fruit? [Apple]',
      'Fruit? [Pear]',
      'Why?',
    ],
    [id, stamp, stamp, "'+mail", -5, 0, 1, "'@SUM(A1)"],
  ]);
});

test('exports XLSX of a survey without responses as its header row', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [classic] });
  const admin = t.browser();
  await logInAsAdmin(admin);
  const { rows } = await readXlsx(
    (await download(admin, '/admin/surveys/export/responses.xlsx')).bytes,
  );
  assert.deepEqual(rows, [
    ['id', 'started_at', 'completed_at', 'Pick, one', 'Why?', 'Why? (comment)'],
  ]);
});

test('exports XLSX of many responses completely, in id order', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [classic] });
  const versionId = (await t.storage.listVersions('export'))[0]?.id;
  assert.ok(versionId !== undefined);
  const ids: number[] = [];
  // More than one keyset page (500) of responses.
  for (let i = 0; i < 1_203; i++) {
    const id = await t.storage.createResponse({
      survey: 'export',
      versionId,
      startedAt: new Date(),
    });
    await t.storage.recordAnswer({
      ...{ responseId: id, survey: 'export', question: 0, answer: 'plain', comment: null },
      ...{ completes: false, at: new Date() },
    });
    ids.push(id);
  }
  const admin = t.browser();
  await logInAsAdmin(admin);
  const { rows } = await readXlsx(
    (await download(admin, '/admin/surveys/export/responses.xlsx')).bytes,
  );
  assert.deepEqual(
    rows.slice(1).map((row) => row[0]),
    ids,
  );
  assert.ok(rows.slice(1).every((row) => row[3] === 'plain' && row[4] === null));
});

test('puts a UTF-8 byte order mark before the CSV with ?bom=1, and only then', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [classic] });
  const admin = t.browser();
  await logInAsAdmin(admin);
  const header = 'id,started_at,completed_at,"Pick, one",Why?,Why? (comment)\r\n';
  const plain = await download(admin, '/admin/surveys/export/responses.csv');
  assert.deepEqual(plain.bytes, Buffer.from(header));
  const bom = await download(admin, '/admin/surveys/export/responses.csv?bom=1&version=1');
  assert.equal(bom.status, 200);
  assert.equal(bom.headers['content-type'], 'text/csv; charset=utf-8; header=present');
  assert.deepEqual(
    bom.bytes,
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header)]),
  );
  assert.deepEqual(
    (await download(admin, '/admin/surveys/export/responses.csv?bom=0')).bytes,
    plain.bytes,
  );
  const bad = await download(admin, '/admin/surveys/export/responses.csv?bom=yes');
  assert.equal(bad.status, 400);
});

test('answers 404 for an XLSX of an unknown survey or version, and asks for a login first', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [classic] });
  const anonymous = await download(t.browser(), '/admin/surveys/export/responses.xlsx');
  assert.equal(anonymous.status, 302);
  assert.equal(anonymous.headers.location, '/admin/login');
  const admin = t.browser();
  await logInAsAdmin(admin);
  assert.equal((await download(admin, '/admin/surveys/nope/responses.xlsx')).status, 404);
  assert.equal(
    (await download(admin, '/admin/surveys/export/responses.xlsx?version=9')).status,
    404,
  );
});

test('the results page links the XLSX and the CSV with its byte order mark, for Excel', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [classic] });
  const admin = t.browser();
  await logInAsAdmin(admin);
  const page = await admin.get('/admin/surveys/export');
  assert.match(page.body, /href="\/admin\/surveys\/export\/responses\.xlsx\?version=1" download>/);
  assert.match(
    page.body,
    /href="\/admin\/surveys\/export\/responses\.csv\?version=1&amp;bom=1" download>Download CSV</,
  );
  const linked = await download(admin, '/admin/surveys/export/responses.csv?version=1&bom=1');
  assert.deepEqual([...linked.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
});
