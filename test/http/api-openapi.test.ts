/**
 * Issue 17 item 5: docs/openapi.yaml describes what the API really answers. Real responses of
 * every operation and every documented status, on a survey of every kind (so every figure a
 * kind has appears), are validated against the schema the file gives for that operation and
 * status, with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) and ajv-formats. The
 * error codes the file lists are the ones the code has. On the test engine.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { API_ERRORS } from '../../src/http/routes/api/problems.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { apiGet, makeToken } from '../support/api.js';
import { makeSurvey, sampleSurveys, startTestApp, type TestApp } from '../support/app.js';
import { EVERY_KIND_ANSWERS, everyKind, storeResponse } from '../support/results.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

interface Operation {
  responses: Record<
    string,
    { $ref?: string; content?: Record<string, { schema: { $ref: string } }> }
  >;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, { get: Operation }>;
  components: {
    responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
    schemas: Record<string, unknown> & { Problem: { properties: { code: { enum: string[] } } } };
  };
}

const document = parse(readFileSync('docs/openapi.yaml', 'utf8')) as OpenApi;
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats.default(ajv);
// The component schemas alone are JSON Schema (the rest of the file is OpenAPI): they become the
// `$defs` of one schema, the file's references (`#/components/schemas/X`) pointing into them.
const DEFS = '#/$defs/';
const toDefs = (ref: string) => ref.replace('#/components/schemas/', DEFS);
ajv.addSchema(
  JSON.parse(
    JSON.stringify({ $id: 'openapi', $defs: document.components.schemas }).replaceAll(
      '"#/components/schemas/',
      `"${DEFS}`,
    ),
  ) as object,
);

/** The schema the file gives for `path` answering `status`, and its media type. */
function documented(path: string, status: number): { type: string; ref: string } {
  const operation = document.paths[path]?.get;
  assert.ok(operation, `${path} is documented`);
  let response = operation.responses[String(status)];
  assert.ok(response, `${path} documents ${status}`);
  if (response.$ref !== undefined) {
    response = document.components.responses[response.$ref.split('/').at(-1) ?? ''];
  }
  const [[type, media]] = Object.entries(response?.content ?? {}) as [
    [string, { schema: { $ref: string } }],
  ];
  return { type, ref: media.schema.$ref };
}

/** Asserts that a real answer of `route` (an OpenAPI path) matches the file. */
function assertDocumented(route: string, answer: Awaited<ReturnType<typeof apiGet>>): void {
  const { type, ref } = documented(route, answer.status);
  assert.equal(answer.contentType.split(';')[0], type, `${route} ${answer.status} media type`);
  const validate = ajv.getSchema(`openapi${toDefs(ref)}`);
  assert.ok(validate, ref);
  assert.ok(
    validate(answer.json),
    `${route} ${answer.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.json).slice(0, 2000)}`,
  );
}

test('the file is OpenAPI 3.1 and lists exactly the error codes the API has', () => {
  assert.match(document.openapi, /^3\.1\.\d+$/);
  assert.deepEqual(
    [...document.components.schemas.Problem.properties.code.enum].sort(),
    Object.keys(API_ERRORS).sort(),
  );
});

test('real answers of every operation and status match the schemas of docs/openapi.yaml', async () => {
  const kinds = everyKind('kinds');
  const withHidden = makeSurvey('tagged', {
    title: 'Tagged',
    hidden: ['source'],
    questions: [{ text: 'Fine?', allowText: true }],
  });
  t = await startTestApp({
    surveys: [kinds, withHidden, ...(await sampleSurveys())],
    adminPassword: ADMIN_PASSWORD,
  });
  const admin = t.browser();
  await logInAsAdmin(admin);
  const token = await makeToken(admin, 'warehouse');
  const scoped = await makeToken(admin, 'one', 'tagged');
  const [version] = await t.storage.listVersions('kinds');
  assert.ok(version !== undefined);
  for (const [i, c] of ['a', 'b', 'b'].entries()) {
    await storeResponse(t.storage, kinds, version.id, {
      ...EVERY_KIND_ANSWERS,
      c: { kind: 'choice', id: c },
      n: 3 + i,
    });
  }
  await storeResponse(t.storage, kinds, version.id, { c: { kind: 'choice', id: 'a' } });
  const [tagged] = await t.storage.listVersions('tagged');
  assert.ok(tagged !== undefined);
  const hiddenId = await t.storage.createResponse({
    survey: 'tagged',
    versionId: tagged.id,
    startedAt: new Date(),
    hidden: { source: 'mail' },
  });
  await t.storage.recordAnswer({
    responseId: hiddenId,
    survey: 'tagged',
    question: 0,
    answer: 'Yes',
    comment: 'a comment',
    completes: true,
    at: new Date(),
  });

  const SURVEYS = '/surveys';
  const RESPONSES = '/surveys/{slug}/responses';
  const RESULTS = '/surveys/{slug}/results';
  const cases: [string, string, string | undefined, number][] = [
    [SURVEYS, '/api/v1/surveys', token, 200],
    [SURVEYS, '/api/v1/surveys', undefined, 401],
    [RESPONSES, '/api/v1/surveys/kinds/responses', token, 200],
    [RESPONSES, '/api/v1/surveys/kinds/responses?limit=1', token, 200],
    [RESPONSES, '/api/v1/surveys/tagged/responses', token, 200],
    [RESPONSES, '/api/v1/surveys/satisfaction/responses', token, 200],
    [RESPONSES, '/api/v1/surveys/kinds/responses', 'canvass_unknown', 401],
    [RESPONSES, '/api/v1/surveys/kinds/responses', scoped, 403],
    [RESPONSES, '/api/v1/surveys/none/responses', token, 404],
    [RESPONSES, '/api/v1/surveys/kinds/responses?limit=0', token, 422],
    [RESULTS, '/api/v1/surveys/kinds/results', token, 200],
    [RESULTS, '/api/v1/surveys/kinds/results?by=c&completed=1', token, 200],
    [RESULTS, '/api/v1/surveys/kinds/results?filter=c:b&version=1', token, 200],
    [RESULTS, '/api/v1/surveys/engagement/results', token, 200],
    [RESULTS, '/api/v1/surveys/course-evaluation/results?by=track', token, 200],
    [RESULTS, '/api/v1/surveys/tagged/results', scoped, 200],
    [RESULTS, '/api/v1/surveys/kinds/results', scoped, 403],
    [RESULTS, '/api/v1/surveys/none/results', token, 404],
    [RESULTS, '/api/v1/surveys/kinds/results?filter=zz:a', token, 422],
  ];
  for (const [route, url, bearer, status] of cases) {
    const answer = await apiGet(t, url, bearer);
    assert.equal(answer.status, status, `${url}: ${JSON.stringify(answer.json)}`);
    assertDocumented(route, answer);
  }
  // The schemas are not vacuous: the pages above had responses, hidden fields and figures.
  const page = (await apiGet(t, '/api/v1/surveys/tagged/responses', token)).json as {
    responses: { hidden: unknown }[];
  };
  assert.deepEqual(page.responses[0]?.hidden, { source: 'mail' });
  const wrong = { ...page, responses: [{ ...page.responses[0], extra: 1 }] };
  assert.equal(ajv.getSchema(`openapi${DEFS}ResponsePage`)?.(wrong), false);

  // 429 last: it uses up this address's minute.
  for (let i = 0; i < 600; i++) await t.app.inject({ method: 'GET', url: '/api/v1/surveys' });
  for (const [route, url] of [
    [SURVEYS, '/api/v1/surveys'],
    [RESPONSES, '/api/v1/surveys/kinds/responses'],
    [RESULTS, '/api/v1/surveys/kinds/results'],
  ] as const) {
    const answer = await apiGet(t, url, token);
    assert.equal(answer.status, 429);
    assertDocumented(route, answer);
  }
});
