import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { lazySchemaCompilers } from './schema-compilers.js';

test('a route with schemas is validated by Ajv and serialized by fast-json-stringify, loaded when it is added', async (t) => {
  const app = Fastify({ schemaController: lazySchemaCompilers });
  t.after(() => app.close());
  app.get(
    '/count',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { n: { type: 'integer', minimum: 1 } },
          required: ['n'],
        },
        response: {
          200: { type: 'object', properties: { n: { type: 'integer' } } },
        },
      },
    },
    (request) => ({ ...(request.query as { n: number }), hidden: 'not in the schema' }),
  );
  const refused = await app.inject({ url: '/count?n=0' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json<{ message: string }>().message, /querystring\/n must be >= 1/);
  const served = await app.inject({ url: '/count?n=3' });
  assert.equal(served.statusCode, 200);
  assert.equal(served.body, '{"n":3}');
});
