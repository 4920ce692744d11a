/**
 * Issue 16 item 1: languages (SURVEYS.md §5). The language is chosen by `?lang`, then the
 * survey's session entry, then `Accept-Language`, then the first listed; it is carried through
 * `begin`, stored with the response and exported; every respondent page is in it, with
 * `<html lang>` and `dir="rtl"`; answers are stored as ids whatever the language. On the test
 * engine (SQLite, or PostgreSQL with CANVASS_TEST_ENGINE=postgres).
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { notices } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const LUNCH = makeSurvey('lunch', {
  title: { en: 'Lunch', fr: 'Déjeuner', ar: 'الغداء' },
  languages: ['en', 'fr', 'ar'],
  questions: [
    {
      text: { en: 'Soup?', fr: 'Soupe ?', ar: 'حساء؟' },
      choices: [
        { en: 'Yes please', fr: 'Oui merci', ar: 'نعم من فضلك' },
        { en: 'No thanks', fr: 'Non merci', ar: 'لا شكرًا' },
      ],
    },
    { type: 'yesno', id: 'bread', text: { en: 'Bread?', fr: 'Du pain ?', ar: 'خبز؟' } },
  ],
});
const PLAIN = makeSurvey('plain', {
  title: 'Plain',
  questions: [{ text: 'Happy?' }, { text: 'Sure?' }],
});

const PAGED = makeSurvey('paged', {
  title: { en: 'Paged', fr: 'Paginé' },
  languages: ['en', 'fr'],
  pages: [
    {
      id: 'first',
      title: { en: 'About you', fr: 'À propos de vous' },
      questions: [{ id: 'name', type: 'text', text: { en: 'Your name?', fr: 'Votre nom ?' } }],
    },
    {
      id: 'second',
      questions: [
        {
          id: 'ok',
          type: 'yesno',
          text: { en: 'All well, {{q:name}}?', fr: 'Tout va bien, {{q:name}} ?' },
        },
      ],
    },
  ],
});

const CHECKS = makeSurvey('checks', {
  title: { en: 'Checks', fr: 'Vérifications', ar: 'تحقق' },
  languages: ['en', 'fr', 'ar'],
  questions: [
    {
      id: 'rooms',
      type: 'number',
      text: { en: 'Rooms?', fr: 'Pièces ?', ar: 'الغرف؟' },
      min: 1500,
      max: 20000,
    },
    {
      id: 'moved',
      type: 'date',
      text: { en: 'Moved in?', fr: 'Emménagé ?', ar: 'تاريخ الانتقال؟' },
      min: '2024-01-01',
    },
    {
      id: 'pets',
      type: 'multi',
      text: { en: 'Pets?', fr: 'Animaux ?', ar: 'حيوانات؟' },
      choices: [
        { en: 'Dog', fr: 'Chien', ar: 'كلب' },
        { id: 'none', text: { en: 'None', fr: 'Aucun', ar: 'لا شيء' }, exclusive: true },
      ],
      other: true,
      max: 2,
    },
  ],
});

/** One page of a text, a multi and a number question, for the hints under them. */
const HINTS = makeSurvey('hints', {
  title: { en: 'Hints', fr: 'Indications' },
  languages: ['en', 'fr'],
  pages: [
    {
      id: 'only',
      questions: [
        { id: 'motto', type: 'text', text: { en: 'Motto?', fr: 'Devise ?' }, min: 2, max: 1200 },
        {
          id: 'fruit',
          type: 'multi',
          text: { en: 'Fruit?', fr: 'Fruits ?' },
          choices: [
            { en: 'Apple', fr: 'Pomme' },
            { en: 'Pear', fr: 'Poire' },
            { en: 'Plum', fr: 'Prune' },
          ],
          min: 1,
          max: 2,
          allowText: true,
        },
        {
          id: 'size',
          type: 'number',
          text: { en: 'Size?', fr: 'Taille ?' },
          integer: true,
          min: 1500,
          max: 20000,
        },
      ],
    },
  ],
});

const start = () =>
  startTestApp({
    adminPassword: ADMIN_PASSWORD,
    surveys: [LUNCH, PLAIN, PAGED, CHECKS, HINTS],
  }).then((app) => {
    t = app;
    return app;
  });

/** `<html lang="…" dir="…">` of a page: its language and direction. */
function htmlOf(body: string): { lang: string | undefined; dir: string | undefined } {
  const tag = /<html[^>]*>/.exec(body)?.[0] ?? '';
  return { lang: /lang="([^"]*)"/.exec(tag)?.[1], dir: /dir="([^"]*)"/.exec(tag)?.[1] };
}

const langOf = (body: string) => htmlOf(body).lang;

/** Begins from the start page with what its form carries (the CSRF token aside, as a browser). */
async function beginFrom(browser: Browser, start: string, headers: Record<string, string> = {}) {
  const page = await browser.get(start, headers);
  assert.equal(page.status, 200);
  const form =
    /<form method="post" action="[^"]*\/begin">(.*?)<\/form>/s.exec(page.body)?.[1] ?? '';
  const fields = Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m): [string, string] => [m[1] ?? '', m[2] ?? '']),
  );
  const begun = await browser.post(`${start.split('?')[0] ?? ''}/begin`, fields);
  assert.equal(begun.status, 303);
  return fields;
}

async function finish(browser: Browser, choice: string, bread: 'yes' | 'no') {
  assert.equal((await browser.post('/surveys/lunch/questions/0', { answer: choice })).status, 303);
  const last = await browser.post('/surveys/lunch/questions/1', { answer: bread });
  assert.equal(last.status, 303);
  return browser.follow(last);
}

test('chooses ?lang, then the session, then Accept-Language, then the first listed', async () => {
  const app = await start();
  assert.equal(langOf((await app.browser().get('/surveys/lunch')).body), 'en');
  const french = app.browser();
  const negotiated = await french.get('/surveys/lunch', { 'accept-language': 'de, fr-CA;q=0.9' });
  assert.equal(langOf(negotiated.body), 'fr');
  assert.match(negotiated.body, /<h1>Déjeuner<\/h1>/);
  assert.match(negotiated.body, />Commencer<\/button>/);
  // ?lang wins over the header, and sticks to the survey's entry in the session.
  const asked = await french.get('/surveys/lunch?lang=ar', { 'accept-language': 'fr' });
  assert.equal(langOf(asked.body), 'ar');
  const later = await french.get('/surveys/lunch', { 'accept-language': 'fr' });
  assert.equal(langOf(later.body), 'ar');
  // Another survey of the same browser is not affected: a survey without languages is English.
  const plain = await french.get('/surveys/plain?lang=ar', { 'accept-language': 'fr' });
  assert.deepEqual(htmlOf(plain.body), { lang: 'en', dir: undefined });
  assert.doesNotMatch(plain.body, /<nav class="languages"|name="lang"/);
});

test('ignores an unknown or malformed lang and an over-long Accept-Language, never failing', async () => {
  const app = await start();
  const browser = app.browser();
  for (const query of ['lang=xx', 'lang=%3Cscript%3E', 'lang=fr&lang=ar', 'lang=', 'lang=FR']) {
    const page = await browser.get(`/surveys/lunch?${query}`);
    assert.equal(page.status, 200, query);
    assert.equal(langOf(page.body), 'en', query);
  }
  const huge = `fr;q=1, ${'x-private;q=0.1, '.repeat(40)}`;
  assert.ok(huge.length > 512);
  const page = await app.browser().get('/surveys/lunch', { 'accept-language': huge });
  assert.equal(page.status, 200);
  assert.equal(langOf(page.body), 'en');
  const short = await app.browser().get('/surveys/lunch', { 'accept-language': 'fr;q=1' });
  assert.equal(langOf(short.body), 'fr');
});

test('carries the language through begin and every page, stores it, and answers are ids', async () => {
  const app = await start();
  const browser = app.browser();
  assert.deepEqual(await beginFrom(browser, '/surveys/lunch?lang=fr'), { lang: 'fr' });
  const question = await browser.get('/surveys/lunch/questions/0');
  assert.equal(langOf(question.body), 'fr');
  assert.match(question.body, /Soupe \?/);
  assert.match(question.body, /value="Yes please"[^>]*><label [^>]*>Oui merci<\/label>/);
  assert.match(question.body, /Question 1 sur 2/);
  assert.match(question.body, />Suivant<\/button>/);
  // An answer missing: the error in French, the page still French.
  const invalid = await browser.post('/surveys/lunch/questions/0', {});
  assert.equal(invalid.status, 422);
  assert.match(invalid.body, /<title>Erreur : Question 1 sur 2/);
  assert.match(invalid.body, /Veuillez choisir une réponse\./);
  const yesno = await browser
    .post('/surveys/lunch/questions/0', { answer: 'Yes please' })
    .then((r) => browser.follow(r));
  assert.match(yesno.body, /<label [^>]*>Oui<\/label>.*<label [^>]*>Non<\/label>/s);
  assert.match(yesno.body, />Terminer<\/button>/);
  const done = await browser
    .post('/surveys/lunch/questions/1', { answer: 'yes' })
    .then((r) => browser.follow(r));
  assert.equal(langOf(done.body), 'fr');
  assert.match(done.body, /Merci !/);
  assert.match(
    done.body,
    /<p class="answer-question">Du pain \?<\/p><p class="answer-choice">Oui<\/p>/,
  );
  assert.match(done.body, /<p class="answer-choice">Oui merci<\/p>/);

  // A form's lang beats the session's: begun again in Arabic from a French session.
  const arabic = app.browser();
  await arabic.get('/surveys/lunch?lang=fr');
  await beginFrom(arabic, '/surveys/lunch?lang=ar');
  await finish(arabic, 'Yes please', 'yes');
  const stored = await app.storage.listResponses('lunch');
  assert.deepEqual(
    stored.map((r) => [r.lang, r.answers.map((a) => a.answer)]),
    [
      ['fr', ['Yes please', 'yes']],
      ['ar', ['Yes please', 'yes']],
    ],
  );
});

test('an Arabic page is right to left, with a link-list switcher marking the current language', async () => {
  const app = await start();
  const browser = app.browser();
  await beginFrom(browser, '/surveys/lunch?lang=ar');
  const page = await browser.get('/surveys/lunch/questions/0?source=x');
  assert.deepEqual(htmlOf(page.body), { lang: 'ar', dir: 'rtl' });
  const nav = /<nav class="languages" aria-label="([^"]*)"><ul>(.*?)<\/ul><\/nav>/s.exec(page.body);
  assert.ok(nav, 'a switcher');
  assert.equal(nav[1], 'اللغة');
  assert.deepEqual(
    [
      ...(nav[2] ?? '').matchAll(
        /<a href="([^"]*)" lang="([^"]*)" hreflang="[^"]*"( aria-current="true")?>([^<]*)<\/a>/g,
      ),
    ].map((m) => [m[1], m[2], m[3] !== undefined, m[4]]),
    [
      ['/surveys/lunch/questions/0?source=x&amp;lang=en', 'en', false, 'English'],
      ['/surveys/lunch/questions/0?source=x&amp;lang=fr', 'fr', false, 'Français'],
      ['/surveys/lunch/questions/0?source=x&amp;lang=ar', 'ar', true, 'العربية'],
    ],
  );
  assert.doesNotMatch(page.body, /<script/);
  // Switching mid-way: the next page is French, and so is a 404 inside the survey.
  assert.equal(langOf((await browser.get('/surveys/lunch/questions/0?lang=fr')).body), 'fr');
  const missing = await browser.get('/surveys/lunch/questions/abc');
  assert.equal(missing.status, 404);
  assert.equal(langOf(missing.body), 'fr');
  assert.match(missing.body, /Page introuvable/);
  // A form without its token is refused in the language too.
  const forged = await browser.post('/surveys/lunch/begin', { _csrf: 'forged' });
  assert.equal(forged.status, 403);
  assert.equal(langOf(forged.body), 'fr');
  assert.match(forged.body, /Ce formulaire a expiré/);
});

test('flashes are in the language; in English the seed’s flash stays byte for byte', async () => {
  const app = await start();
  const english = app.browser();
  await beginFrom(english, '/surveys/plain');
  const ahead = await english.get('/surveys/plain/questions/1');
  assert.equal(ahead.status, 302);
  assert.deepEqual(notices((await english.follow(ahead)).body), ['Invalid question id: 1.']);
  const french = app.browser();
  await beginFrom(french, '/surveys/lunch?lang=fr');
  const skipped = await french.get('/surveys/lunch/questions/1');
  assert.equal(skipped.status, 302);
  assert.deepEqual(notices((await french.follow(skipped)).body), [
    'Identifiant de question non valide : 1.',
  ]);
});

test('exports a lang column after completed_at and a lang key, only for surveys with languages', async () => {
  const app = await start();
  const fr = app.browser();
  await beginFrom(fr, '/surveys/lunch?lang=fr');
  await finish(fr, 'No thanks', 'no');
  const ar = app.browser();
  await beginFrom(ar, '/surveys/lunch', { 'accept-language': 'ar' });
  await finish(ar, 'No thanks', 'no');
  const [a, b] = await app.storage.listResponses('lunch');
  assert.ok(a && b);
  const admin = app.browser();
  await logInAsAdmin(admin);
  const csv = await admin.get('/admin/surveys/lunch/responses.csv');
  assert.equal(csv.status, 200);
  assert.deepEqual(csv.body.split('\r\n'), [
    'id,started_at,completed_at,lang,Soup?,Bread?',
    `${a.id},${a.startedAt},${a.completedAt},fr,No thanks,No`,
    `${b.id},${b.startedAt},${b.completedAt},ar,No thanks,No`,
    '',
  ]);
  const json = await admin.get('/admin/surveys/lunch/responses.json');
  const { responses } = JSON.parse(json.body) as { responses: { lang?: unknown }[] };
  assert.deepEqual(
    responses.map((r) => r.lang),
    ['fr', 'ar'],
  );
  const plain = await admin.get('/admin/surveys/plain/responses.csv');
  assert.match(plain.body, /^id,started_at,completed_at,Happy\?,Sure\?\r\n/);
  // Results are one set whatever the language: both answers count under one choice.
  const results = await admin.get('/admin/surveys/lunch/results.json');
  assert.equal(results.status, 200);
  assert.match(results.body, /"No thanks"/);
  assert.doesNotMatch(results.body, /Non merci|لا شكرًا/);
});

test('a survey with pages and pipes is in the language too: texts translated, then piped', async () => {
  const app = await start();
  const browser = app.browser();
  await browser.get('/surveys/paged?lang=fr');
  assert.equal((await browser.post('/surveys/paged/begin', { lang: 'fr' })).status, 303);
  const first = await browser.get('/surveys/paged/questions/0');
  assert.equal(langOf(first.body), 'fr');
  assert.match(first.body, /<h1>À propos de vous<\/h1>/);
  assert.match(first.body, /Votre nom \?/);
  assert.match(first.body, /Page 1 sur 2/);
  const revision = /name="revision" value="(\d+)"/.exec(first.body)?.[1] ?? '';
  const empty = await browser.post('/surveys/paged/questions/0', { revision });
  assert.equal(empty.status, 422);
  assert.equal(langOf(empty.body), 'fr');
  assert.deepEqual(errorsIn(empty.body), ['Veuillez répondre à cette question.']);
  const long = await browser.post('/surveys/paged/questions/0', {
    name: 'x'.repeat(2001),
    revision,
  });
  assert.equal(long.status, 422);
  assert.match(long.body, /Votre réponse est trop longue : 2\u202f001 caractères, au plus /);
  const sent = await browser.post('/surveys/paged/questions/0', { name: 'Zoé', revision });
  assert.equal(sent.status, 303);
  const second = await browser.follow(sent);
  assert.match(second.body, /Tout va bien, Zoé \?/);
  assert.match(second.body, /<label [^>]*>Oui<\/label>/);
  assert.match(second.body, />Terminer<\/button>/);
});

const MENU = makeSurvey('menu', {
  title: { en: 'Menu', fr: 'Menu' },
  languages: ['en', 'fr'],
  pages: [
    {
      id: 'order',
      questions: [
        {
          id: 'dish',
          text: { en: 'Which dish?', fr: 'Quel plat ?' },
          choices: [
            { en: 'Fish', fr: 'Poisson' },
            { en: 'Pasta', fr: 'Pâtes' },
          ],
        },
        { id: 'wine', type: 'yesno', text: { en: 'Wine?', fr: 'Du vin ?' } },
      ],
    },
    {
      id: 'check',
      questions: [
        {
          id: 'sure',
          type: 'yesno',
          text: {
            en: '{{q:dish}}, wine: {{q:wine}}. Sure?',
            fr: '{{q:dish}}, vin : {{q:wine}}. Sûr ?',
          },
        },
      ],
    },
  ],
});

test('a piped choice and a piped yes/no read in the respondent’s language', async () => {
  t = await startTestApp({ surveys: [MENU] });
  for (const [lang, expected] of [
    ['fr', 'Poisson, vin : Oui. Sûr ?'],
    ['en', 'Fish, wine: Yes. Sure?'],
  ] as const) {
    const browser = t.browser();
    await browser.get(`/surveys/menu?lang=${lang}`);
    assert.equal((await browser.post('/surveys/menu/begin', { lang })).status, 303);
    const first = await browser.get('/surveys/menu/questions/0');
    const revision = /name="revision" value="(\d+)"/.exec(first.body)?.[1] ?? '';
    const sent = await browser.post('/surveys/menu/questions/0', {
      dish: 'Fish',
      wine: 'yes',
      revision,
    });
    assert.equal(sent.status, 303, lang);
    const second = await browser.follow(sent);
    assert.ok(second.body.includes(expected), `${lang}: ${expected}`);
  }
});

/** A pipe in one language's text only: the survey is otherwise one question a page, in order. */
const GREETING = makeSurvey('greeting', {
  title: 'Greeting',
  languages: ['en', 'fr'],
  questions: [
    { id: 'name', type: 'text', text: { en: 'Your name?', fr: 'Votre nom ?' } },
    { id: 'ok', type: 'yesno', text: { en: 'All well?', fr: 'Tout va bien, {{q:name|vous}} ?' } },
  ],
});

test('a pipe written in one language only is filled in on its question page and the completion page', async () => {
  t = await startTestApp({ surveys: [GREETING] });
  const browser = t.browser();
  await beginFrom(browser, '/surveys/greeting?lang=fr');
  const first = await browser.get('/surveys/greeting/questions/0');
  const revision = /name="revision" value="(\d+)"/.exec(first.body)?.[1] ?? '';
  const sent = await browser.post('/surveys/greeting/questions/0', { answer: 'Zoé', revision });
  assert.equal(sent.status, 303);
  const second = await browser.follow(sent);
  assert.match(second.body, /Tout va bien, Zoé \?/);
  const again = /name="revision" value="(\d+)"/.exec(second.body)?.[1] ?? '';
  const done = await browser.post('/surveys/greeting/questions/1', {
    answer: 'yes',
    revision: again,
  });
  assert.equal(done.location, '/surveys/greeting/complete');
  const complete = await browser.follow(done);
  assert.match(complete.body, /<p class="answer-question">Tout va bien, Zoé \?<\/p>/);
  assert.doesNotMatch(complete.body, /\{\{/);
});

/** The error messages of a 422 page (its error summary's links). */
const errorsIn = (body: string) =>
  [...body.matchAll(/<a href="#[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]).filter((e) => e !== '');

test('the checks speak the respondent’s language, numbers written as in it, quoted texts too', async () => {
  const app = await start();
  const cases = [
    {
      lang: 'fr',
      number: 'Veuillez saisir un nombre supérieur ou égal à 1\u202f500.',
      high: 'Veuillez saisir un nombre inférieur ou égal à 20\u202f000.',
      date: 'Veuillez saisir une date égale ou postérieure au 2024-01-01.',
      badDate: 'Veuillez saisir une date au format AAAA-MM-JJ, par exemple 2024-03-31.',
      exclusive: '« Aucun » ne peut pas être choisi avec d’autres réponses.',
      other: 'Veuillez préciser ce que recouvre « Autre ».',
    },
    {
      lang: 'ar',
      number: 'يُرجى إدخال رقم لا يقل عن 1,500.',
      high: 'يُرجى إدخال رقم لا يزيد على 20,000.',
      date: 'يُرجى إدخال تاريخ في 2024-01-01 أو بعده.',
      badDate: 'يُرجى إدخال تاريخ بالصيغة YYYY-MM-DD، مثل 2024-03-31.',
      exclusive: 'لا يمكن اختيار «لا شيء» مع إجابات أخرى.',
      other: 'يُرجى توضيح المقصود بـ«أخرى».',
    },
  ];
  for (const c of cases) {
    const browser = app.browser();
    await beginFrom(browser, `/surveys/checks?lang=${c.lang}`);
    const low = await browser.post('/surveys/checks/questions/0', { answer: '12' });
    assert.equal(low.status, 422, c.lang);
    assert.equal(langOf(low.body), c.lang);
    assert.deepEqual(errorsIn(low.body), [c.number]);
    const high = await browser.post('/surveys/checks/questions/0', { answer: '30000' });
    assert.deepEqual(errorsIn(high.body), [c.high]);
    assert.equal(
      (await browser.post('/surveys/checks/questions/0', { answer: '2000' })).status,
      303,
    );
    const early = await browser.post('/surveys/checks/questions/1', { answer: '2023-05-01' });
    assert.equal(early.status, 422);
    assert.deepEqual(errorsIn(early.body), [c.date]);
    const typo = await browser.post('/surveys/checks/questions/1', { answer: '1/5/2024' });
    assert.deepEqual(errorsIn(typo.body), [c.badDate]);
    assert.equal(
      (await browser.post('/surveys/checks/questions/1', { answer: '2024-05-01' })).status,
      303,
    );
    const both = await browser.post('/surveys/checks/questions/2', { answer: ['Dog', 'none'] });
    assert.equal(both.status, 422);
    assert.deepEqual(errorsIn(both.body), [c.exclusive]);
    const blank = await browser.post('/surveys/checks/questions/2', { answer: '_other' });
    assert.deepEqual(errorsIn(blank.body), [c.other]);
  }
  // English stays as it was, byte for byte.
  const english = app.browser();
  await beginFrom(english, '/surveys/checks?lang=en');
  const low = await english.post('/surveys/checks/questions/0', { answer: '12' });
  assert.deepEqual(errorsIn(low.body), ['Please enter a number of at least 1,500.']);
});

/** The hints under the questions of a page (`<p class="hint">`), in order. */
const hintsIn = (body: string) =>
  [...body.matchAll(/<p id="[^"]*-hint" class="hint">([^<]*)<\/p>/g)].map((m) => m[1]);

test('the hints under questions and the comment box are in the respondent’s language; English stays as it was', async () => {
  const app = await start();
  const french = app.browser();
  await beginFrom(french, '/surveys/hints?lang=fr');
  const page = await french.get('/surveys/hints/questions/0');
  assert.equal(langOf(page.body), 'fr');
  assert.deepEqual(hintsIn(page.body), [
    'Entre 2 et 1\u202f200 caractères.',
    'Choisissez de 1 à 2 réponses.',
    'Un nombre entier de 1\u202f500 à 20\u202f000.',
  ]);
  assert.ok(
    page.body.includes(
      'Dites-nous en plus <span class="optional">(facultatif, jusqu’à 2\u202f000 caractères)</span>',
    ),
  );
  const english = app.browser();
  await beginFrom(english, '/surveys/hints?lang=en');
  const same = await english.get('/surveys/hints/questions/0');
  assert.equal(langOf(same.body), 'en');
  assert.deepEqual(hintsIn(same.body), [
    'Between 2 and 1,200 characters.',
    'Choose 1 to 2 answers.',
    'A whole number from 1,500 to 20,000.',
  ]);
  assert.ok(
    same.body.includes(
      'Tell us more <span class="optional">(optional, up to 2,000 characters)</span>',
    ),
  );
});
