import assert from 'node:assert/strict';
import type { Browser, TestResponse } from '../support/browser.js';
import { checkExport, checkPage, checkStore, decode, judge, stored } from './oracle.js';
import { readForm, type Form, type Seen, type Tab, type World } from './world.js';

const cookieOf = (browser: Browser) => browser.jar.getCookieString('http://localhost/');

function tabAt(world: World, index: number): { tab: Tab; browser: Browser } {
  const tab = world.tabs[index % world.tabs.length];
  assert.ok(tab);
  const browser = world.browsers[tab.browser];
  assert.ok(browser);
  return { tab, browser };
}

/** Shows what a page in `tab` shows now: its form, if it has one, becomes the tab's. */
function show(world: World, tab: Tab, response: TestResponse, cookie: string): void {
  const form = readForm(
    world,
    response.status === 422 ? { ...response, status: 200 } : response,
    cookie,
  );
  tab.page = form;
  if (form !== undefined) tab.history.push(form);
}

/** A GET in a tab, following redirects as a browser does, checking every hop. */
export async function visit(world: World, index: number, path: string): Promise<void> {
  const { tab, browser } = tabAt(world, index);
  let url: string | undefined = path;
  for (let hop = 0; url !== undefined && hop < 5; hop++) {
    const cookie = await cookieOf(browser);
    const response = await browser.get(url);
    await checkPage(world, url, cookie, response);
    if (response.status >= 300 && response.status < 400) {
      url = response.location;
      continue;
    }
    show(world, tab, response, await cookieOf(browser));
    return;
  }
  assert.fail(`redirect loop from ${path}`);
}

/** The question the browser is on in `slug`, by its session (0 when it has not begun). */
export async function currentQuestion(world: World, index: number, slug: string): Promise<number> {
  const { browser } = tabAt(world, index);
  return decode(world, await cookieOf(browser)).progress.get(slug)?.answered ?? 0;
}

/**
 * How a form is sent: with the browser's cookie (`jar`: a submit, or a back-button replay); with
 * the cookie the tab had when it showed the form, the answer lost on the way back (`stale`: a
 * dropped connection, a replayed request) or reaching the browser, which stores the old
 * session's successor (`rollback`: a restored cookie); or twice at the same instant (`double`).
 */
export type Mode = 'jar' | 'stale' | 'rollback' | 'double';

interface Expected {
  status: number;
  record?: { responseId: number; qid: number; seen: ReturnType<typeof judge> };
  newResponses: number;
}

/** What the spec says a POST of `form` with `fields` and this cookie must do. */
async function expect(
  world: World,
  form: Form,
  fields: Record<string, string | string[]>,
  cookie: string,
  copies: number,
): Promise<Expected> {
  const session = decode(world, cookie);
  if (session.csrf === undefined || session.csrf !== form.token)
    return { status: 403, newResponses: 0 };
  const survey = world.surveys.get(form.slug);
  assert.ok(survey);
  const progress = session.progress.get(form.slug);
  const complete = progress !== undefined && progress.answered >= survey.questions.length;
  const all = await stored(world);
  // A response of this survey that this browser began and completed: whatever its cookie
  // says, the survey stays completed for it unless it allows a retake (issue 18 item 4).
  const completedBy = (except?: number) =>
    !survey.allowRetake &&
    [...all.values()].some(
      (r) =>
        r.survey === form.slug &&
        r.completedAt !== null &&
        r.id !== except &&
        world.begunBy.get(r.id) === session.csrf,
    );
  if (form.kind === 'begin') {
    if ((complete || completedBy()) && !survey.allowRetake) return { status: 303, newResponses: 0 };
    return { status: 303, newResponses: copies };
  }
  if (progress === undefined || complete || form.qid !== progress.answered)
    return { status: 303, newResponses: 0 };
  const seen = judge(form, fields);
  if (seen === undefined) return { status: 422, newResponses: 0 };
  // The last answer of a response begun before the browser completed another: refused.
  if (form.qid === survey.questions.length - 1 && completedBy(progress.responseId))
    return { status: 303, newResponses: 0 };
  const existing = all.get(progress.responseId)?.answers.length ?? 0;
  // An answer for this question is already stored (a replay): it stands, nothing is added.
  if (existing > form.qid) return { status: 303, newResponses: 0 };
  return {
    status: 303,
    newResponses: 0,
    record: { responseId: progress.responseId, qid: form.qid, seen },
  };
}

/**
 * POSTs `form` from `tab` as `mode` says. Checks the status and the stored rows against the
 * spec, then follows the redirect in the tab as a browser would (not for `stale`).
 */
export async function submit(
  world: World,
  index: number,
  form: Form,
  fields: Record<string, string | string[]>,
  mode: Mode,
): Promise<void> {
  const { tab, browser } = tabAt(world, index);
  const body = { ...fields, _csrf: form.token };
  const old = mode === 'stale' || mode === 'rollback';
  const cookie = old ? form.cookie : await cookieOf(browser);
  const before = await stored(world);
  const expected = await expect(world, form, fields, cookie, mode === 'double' ? 2 : 1);
  let responses: TestResponse[];
  if (old) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) params.append(k, x);
    const r = await world.t.app.inject({
      method: 'POST',
      url: form.url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie === '' ? {} : { cookie }),
      },
      payload: params.toString(),
    });
    const setCookies = [r.headers['set-cookie'] ?? []].flat();
    if (mode === 'rollback') {
      for (const line of setCookies) await browser.jar.setCookie(line, 'http://localhost/');
    }
    responses = [
      {
        status: r.statusCode,
        headers: {},
        body: r.body,
        location: r.headers.location,
        setCookies,
      },
    ];
  } else if (mode === 'double') {
    responses = await Promise.all([browser.post(form.url, body), browser.post(form.url, body)]);
  } else {
    responses = [await browser.post(form.url, body)];
  }
  for (const r of responses) {
    assert.ok(r.status < 500, `${form.url}: ${r.status} ${r.body.slice(0, 200)}`);
    assert.equal(
      r.status,
      expected.status,
      `${mode} POST ${form.url} ${JSON.stringify(fields).slice(0, 80)}`,
    );
  }
  const after = await stored(world);
  assert.equal(after.size, before.size + expected.newResponses, 'responses begun');
  const token = decode(world, cookie).csrf;
  for (const id of after.keys()) {
    if (!before.has(id) && token !== undefined) world.begunBy.set(id, token);
  }
  for (const [id, response] of after) {
    const added = response.answers.length - (before.get(id)?.answers.length ?? 0);
    const wanted = expected.record?.responseId === id ? 1 : 0;
    assert.equal(added, wanted, `answers added to response ${id}`);
  }
  if (expected.record?.seen !== undefined) {
    const { responseId, qid, seen } = expected.record;
    const answers = world.ledger.get(responseId) ?? new Map<number, Seen>();
    answers.set(qid, seen);
    world.ledger.set(responseId, answers);
  }
  await checkStore(world);
  if (expected.record !== undefined || expected.newResponses > 0)
    await checkExport(world, form.slug);
  const last = responses.at(-1);
  if (mode === 'stale' || last === undefined) return;
  if (last.status === 422) show(world, tab, last, await cookieOf(browser));
  else if (last.location !== undefined) await visit(world, index, last.location);
  else tab.page = undefined;
}
