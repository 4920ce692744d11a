/**
 * A server whose surveys declare no `languages:` never uses ICU's locale data: its first use
 * pages about 7 MB into the process for good (docs/performance.md, "Memory"), which English
 * pages do not need (src/i18n/english.ts). The real `canvass serve`, with every use of `Intl`
 * and of the locale-sensitive built-ins recorded by a preload (test/support/intl-uses.mjs).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SURVEYS } from '../../src/cli/config.js';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport } from '../support/browser.js';
import { COURSE, COURSE_ANSWERS } from '../support/course.js';
import { begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';

const PRELOAD = fileURLToPath(new URL('../support/intl-uses.mjs', import.meta.url));

const usesIn = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

test('a server of English surveys serves their pages, hints, errors and thanks without ICU, and a survey in French then uses it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-icu-'));
  const surveys = join(dir, 'surveys');
  mkdirSync(surveys);
  for (const file of [
    'satisfaction.yaml',
    'personality.yaml',
    'course-evaluation.yaml',
    'engagement.yaml',
    'canteen.yaml',
  ])
    copyFileSync(join(BUILTIN_SURVEYS, file), join(surveys, file));
  const uses = join(dir, 'intl-uses.txt');
  const env = cleanEnv({
    SECRET_KEY: TEST_SECRET,
    NODE_OPTIONS: `--import=${PRELOAD}`,
    CANVASS_INTL_USES: uses,
  });
  const server = await startServer(
    ['--port', '0', '--surveys', surveys, '--database', `sqlite:${join(dir, 'canvass.db')}`],
    env,
  );
  t.after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const browser = new Browser(httpTransport(server.url), server.url);

  assert.equal((await browser.get('/')).status, 200);
  assert.equal((await browser.get('/surveys/engagement')).status, 200);
  assert.equal((await browser.get('/no/such/page')).status, 404);
  await begin(browser, 'satisfaction');
  const refused = await browser.post('/surveys/satisfaction/questions/0', { answer: 'Maybe' });
  assert.equal(refused.status, 422);
  await begin(browser, COURSE);
  const hinted: string[] = [];
  for (const [qid, form] of COURSE_ANSWERS.entries()) {
    const page = await browser.get(`/surveys/${COURSE}/questions/${qid}`);
    assert.equal(page.status, 200, `question ${qid} should show`);
    hinted.push(page.body);
    assert.equal((await browser.post(`/surveys/${COURSE}/questions/${qid}`, form)).status, 303);
  }
  assert.equal((await browser.get(`/surveys/${COURSE}/complete`)).status, 200);
  await begin(browser, 'personality');
  for (const [qid, answer] of ['Yes', 'No', 'Hedgehogs'].entries())
    assert.equal(
      (await browser.post(`/surveys/personality/questions/${qid}`, { answer })).status,
      303,
    );
  hinted.push((await browser.get('/surveys/personality/questions/3')).body);
  // The pages formatted numbers and plurals in English: grouped, and counted.
  assert.match(hinted.join(''), /up to 2,000 characters/);
  assert.match(hinted.join(''), /Choose up to 3 answers\./);
  assert.match(hinted.join(''), /Up to 200 characters\./);
  assert.equal(usesIn(uses), '', 'English pages used ICU');

  const french = await browser.get('/surveys/canteen?lang=fr');
  assert.equal(french.status, 200);
  assert.match(usesIn(uses), /Intl\./, 'the preload records ICU uses');
});
