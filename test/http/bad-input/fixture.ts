import type { AddressInfo } from 'node:net';
import { ADMIN_PASSWORD, logInAsAdmin } from '../../support/admin.js';
import {
  preparedDatabase,
  startTestApp,
  type PreparedDatabase,
  type TestApp,
} from '../../support/app.js';
import type { Browser } from '../../support/browser.js';
import { answerAll, begin } from '../../support/flow.js';

/**
 * The state every bad request meets: a respondent part-way through `satisfaction` (question 1)
 * and at the last question of `personality` (whose comment box is open), and an owner logged in.
 * Bad input sent with their cookies and tokens reaches the real handlers, so a bug that lets it
 * through would show as a changed snapshot.
 */
export interface Fixture {
  readonly app: TestApp;
  readonly port: number;
  /** The respondent's `Cookie` header and CSRF token. */
  readonly cookie: string;
  readonly token: string;
  readonly adminCookie: string;
  readonly adminToken: string;
}

const cookieOf = (browser: Browser) => browser.jar.getCookieString('http://localhost/');

type Credentials = Pick<Fixture, 'cookie' | 'token' | 'adminCookie' | 'adminToken'>;

let prepared: Promise<PreparedDatabase<Credentials>> | undefined;

/**
 * The requests that make the state, made once by this process on an app of their own; each
 * fixture then gets a fresh app on a copy of the database they left (the same secret signs
 * and checks the cookies, and admin logins are stored, so the copy's app accepts them).
 * speed: the requests and migrations for each of the matrix's ~340 rows cost ~0.3 s of CPU
 * each, on both engines, a tenth of the whole suite's.
 */
async function makeState(databaseUrl: string): Promise<Credentials> {
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, databaseUrl });
  try {
    const respondent = app.browser();
    await begin(respondent, 'satisfaction');
    await answerAll(respondent, 'satisfaction', ['Yes']);
    await begin(respondent, 'personality');
    await answerAll(respondent, 'personality', ['Yes', 'No', 'Hedgehogs']);
    await respondent.get('/surveys/personality/questions/3');
    const owner = app.browser();
    await logInAsAdmin(owner);
    await owner.get('/admin');
    return {
      cookie: await cookieOf(respondent),
      token: respondent.lastCsrf ?? '',
      adminCookie: await cookieOf(owner),
      adminToken: owner.lastCsrf ?? '',
    };
  } finally {
    await app.close();
  }
}

export async function startFixture(): Promise<Fixture> {
  prepared ??= preparedDatabase(makeState);
  const { made: credentials, copy } = await prepared;
  const database = await copy();
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, databaseUrl: database.url });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app: {
      ...app,
      async close() {
        await app.close();
        await database.drop();
      },
    },
    port: (app.app.server.address() as AddressInfo).port,
    ...credentials,
  };
}

/** Everything stored: every response with its answers, every version and the counts. */
export async function snapshot(app: TestApp): Promise<unknown> {
  const surveys = ['satisfaction', 'personality'];
  return {
    responses: await Promise.all(surveys.map((s) => app.storage.listResponses(s))),
    versions: await Promise.all(surveys.map((s) => app.storage.listVersions(s))),
    counts: await app.storage.surveyCounts(),
  };
}
