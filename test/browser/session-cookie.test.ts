import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { chromiumSkip } from './support/chromium.js';
import { scriptVisibleCookies } from './support/in-page.js';
import { answerByClicking, SAMPLE_ANSWERS, startSurvey } from './support/pages.js';
import { useChromium } from './support/suite.js';

/** The JSON a session cookie carries: its first dot-separated part, inflated when it starts with `.`. */
function cookiePayload(value: string): string {
  const compressed = value.startsWith('.');
  const data = Buffer.from((compressed ? value.slice(1) : value).split('.')[0] ?? '', 'base64url');
  return (compressed ? inflateSync(data) : data).toString('utf8');
}

describe("the session cookie in Chromium's own cookie store", { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();

  test('the browser keeps the session cookie HttpOnly, SameSite=Lax, for 30 days, with no free text', () =>
    withBrowser(async ({ live, page, context }) => {
      const comment = 'My secret opinion about naming';
      await startSurvey(page, live.url, 'personality');
      for (const answer of SAMPLE_ANSWERS.personality.slice(0, 3))
        await answerByClicking(page, answer);
      await answerByClicking(page, 'wtf()', comment);
      const cookies = await context.cookies();
      assert.deepEqual(
        cookies.map((c) => c.name),
        ['session'],
      );
      const [cookie] = cookies;
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      assert.equal(cookie.secure, false);
      // Permanent (30 days), so closing the browser does not lose the progress.
      const days = (cookie.expires - Date.now() / 1000) / 86_400;
      assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
      // Page scripts cannot read it.
      assert.equal(await scriptVisibleCookies(page), '');
      // It holds progress, never what the respondent wrote or chose.
      const payload = cookiePayload(cookie.value);
      assert.match(payload, /"personality"/);
      for (const text of [comment, 'naming', ...SAMPLE_ANSWERS.personality, 'Porcupines']) {
        assert.ok(!payload.includes(text), `the cookie holds ${JSON.stringify(text)}: ${payload}`);
      }
    }));
});
