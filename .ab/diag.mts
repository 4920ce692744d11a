import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStorage } from '../src/storage/index.ts';
import { canonicalDefinition, definitionHash } from '../src/domain/index.ts';
import { courseSeedSql, courseSurvey } from '../bench/results-course.ts';
import { questionFigures } from '../src/http/routes/admin/figures.ts';
const dir = mkdtempSync(join(tmpdir(), 'diag-'));
const file = join(dir, 'db');
const storage = await openStorage(`sqlite:${file}`);
const definition = canonicalDefinition(courseSurvey);
const v = await storage.registerVersion({ survey: 'course-evaluation', hash: definitionHash(definition), definition, at: new Date() });
const db = new BetterSqlite3(file);
for (const s of courseSeedSql(v.id)) db.exec(s);
db.exec('analyze');
db.close();
const base = { id: v.id, number: 1, survey: courseSurvey };
const scope = { base, versions: [base], completed: false, filters: [] as never[] };
for (const q of courseSurvey.questions) {
  const t = performance.now();
  await questionFigures(storage, q, scope, 0);
  console.log(q.id, q.type, (performance.now() - t).toFixed(0), 'ms');
}
let t = performance.now();
console.log('counts', await storage.scopeCounts({ versionIds: [v.id], completed: false, filters: [] }), (performance.now() - t).toFixed(0));
await storage.close();
import { buildApp } from '../src/http/index.ts';
import { createSessionManager } from '../src/session/index.ts';
{
  const storage2 = await openStorage(`sqlite:${file}`);
  const app = await buildApp({ surveys: [courseSurvey], storage: storage2, sessions: createSessionManager({ secrets: ['bench-secret-key-that-is-at-least-32-bytes'] }), adminPassword: 'pw-pw-pw-pw' });
  const login = await app.inject({ method: 'GET', url: '/admin/login' });
  const cookie0 = String(login.headers['set-cookie']).split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
  const res = await app.inject({ method: 'POST', url: '/admin/login', headers: { cookie: cookie0, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${csrf}&password=pw-pw-pw-pw` });
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  for (const url of ['/admin/surveys/course-evaluation/results.json', '/admin/surveys/course-evaluation/results.json?filter=track:web', '/admin/surveys/course-evaluation', '/admin/surveys/course-evaluation?filter=track:web']) {
    const t = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    console.log(url, r.statusCode, (performance.now() - t).toFixed(0), 'ms');
  }
  await app.close();
}
