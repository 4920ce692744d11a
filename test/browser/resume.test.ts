import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeSurvey } from '../support/app.js';
import { assertAccessibleHere } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { answerByClicking, progress, startSurvey } from './support/pages.js';
import { useChromium } from './support/suite.js';

const SLUG = 'move';
const surveys = [
  makeSurvey(SLUG, {
    title: 'Moving house',
    allowResume: true,
    questions: [{ text: 'Renting?' }, { text: 'Garden?' }, { text: 'Lift?' }],
  }),
];

const travel = makeSurvey('travel', {
  title: { en: 'Travel', ar: 'السفر' },
  languages: ['en', 'ar'],
  allowResume: true,
  questions: [{ text: { en: 'By train?', ar: 'بالقطار؟' } }],
});

describe('continuing on another device in Chromium', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();

  test('a second browser context opens the link and continues the same response; the link page is accessible', () =>
    withBrowser(
      async ({ live, page, browser }) => {
        const accessible = (where: string) => assertAccessibleHere(page, where);
        await startSurvey(page, live.url, SLUG);
        await answerByClicking(page, 'Yes');
        await accessible('the question page with the offer');
        await Promise.all([
          page.waitForURL(/\/resume-link$/),
          page.getByRole('button', { name: 'Continue on another device' }).click(),
        ]);
        await assert.doesNotReject(
          page.getByRole('heading', { name: 'Continue on another device' }).waitFor(),
        );
        const link = await page.getByLabel('Your link').inputValue();
        assert.match(link, new RegExp(`^${live.url}/surveys/move/resume/[A-Za-z0-9_-]{43}$`));
        // The QR code is an SVG image with a name, drawn without any script.
        const qr = page.getByRole('img', { name: 'QR code of the link above' });
        assert.equal(
          await qr.evaluate((el: { namespaceURI: string | null }) => el.namespaceURI),
          'http://www.w3.org/2000/svg',
        );
        assert.ok(((await qr.boundingBox())?.width ?? 0) > 100);

        await accessible('the link page');

        // The other device: a context of its own, with none of this one's cookies.
        const other = await browser.newContext();
        try {
          const phone = await other.newPage();
          await phone.goto(link);
          assert.equal(phone.url(), live.at(`/surveys/${SLUG}/questions/1`));
          assert.equal((await progress(phone)).label, 'Question 2 of 3');
          await answerByClicking(phone, 'No');
          await answerByClicking(phone, 'Yes');
          assert.equal(phone.url(), live.at(`/surveys/${SLUG}/complete`));
        } finally {
          await other.close();
        }
        const [response] = await live.test.storage.listResponses(SLUG);
        assert.ok(response);
        assert.deepEqual(
          response.answers.map((a) => a.answer),
          ['Yes', 'No', 'Yes'],
        );
        assert.notEqual(response.completedAt, null);
        assert.equal((await live.test.storage.listResponses(SLUG)).length, 1);

        // The first browser, back on its page, is sent to the thank-you page.
        await page.getByRole('link', { name: 'Back to the survey' }).click();
        await page.waitForURL(/\/complete$/);
      },
      { app: { surveys }, context: { viewport: { width: 375, height: 800 } } },
    ));

  test('the link page in Arabic is right to left, its link readable, and accessible', () =>
    withBrowser(
      async ({ live, page }) => {
        await page.goto(live.at('/surveys/travel?lang=ar'));
        await Promise.all([
          page.waitForURL(/\/questions\/0$/),
          page.getByRole('button', { name: 'ابدأ' }).click(),
        ]);
        await Promise.all([
          page.waitForURL(/\/resume-link$/),
          page.getByRole('button', { name: 'المتابعة على جهاز آخر' }).click(),
        ]);
        await assert.doesNotReject(
          page.getByRole('heading', { name: 'المتابعة على جهاز آخر' }).waitFor(),
        );
        const html = page.locator('html');
        assert.deepEqual(
          [await html.getAttribute('lang'), await html.getAttribute('dir')],
          ['ar', 'rtl'],
        );
        const link = page.getByLabel('رابطك');
        assert.match(await link.inputValue(), /\/surveys\/travel\/resume\/[A-Za-z0-9_-]{43}$/);
        // A link ending in "-" or "_" would show that character first if read right to left.
        assert.ok(
          await link.evaluate((el: { matches(s: string): boolean }) => el.matches(':dir(ltr)')),
        );
        await assertAccessibleHere(page, 'the Arabic link page');
      },
      { app: { surveys: [travel] } },
    ));
});
