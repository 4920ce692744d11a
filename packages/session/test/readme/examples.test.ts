import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { flaskMissing, startFlask, type FlaskPeer } from '../interop/flask-peer.js';
import { requireRedis } from '../support/redis.js';
import { flaskRoundTrip, runExample, visit } from './run-example.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const examples = readdirSync(`${root}examples`).filter((name) => name.endsWith('.mjs'));
const SECRET_KEY = 'readme-example-secret-key-of-32-bytes!';
// Resolve @canvass/session to its sources, as the workspace does.
const NODE_ARGS = ['--conditions=canvass-source', '--import', 'tsx'];

test('the README shows every example file verbatim, and every example is shown', () => {
  assert.deepEqual(examples.sort(), [
    'express-store.mjs',
    'express.mjs',
    'fastify.mjs',
    'hono.mjs',
    'node-http-store.mjs',
    'node-http.mjs',
  ]);
  for (const name of examples) {
    const code = readFileSync(`${root}examples/${name}`, 'utf8');
    assert.ok(readme.includes(`\`\`\`js\n${code}\`\`\``), `README.md holds examples/${name}`);
  }
});

const STORE_EXAMPLES = ['express-store.mjs', 'node-http-store.mjs'];
for (const name of [...STORE_EXAMPLES, 'express.mjs', 'fastify.mjs', 'hono.mjs', 'node-http.mjs']) {
  test(`examples/${name} runs as written and counts visits in its session`, async (t) => {
    if (STORE_EXAMPLES.includes(name) && !(await requireRedis(t))) return;
    const example = await runExample([...NODE_ARGS, `examples/${name}`], root, { SECRET_KEY });
    try {
      const first = await visit(example.url);
      assert.equal(first.body, 'visit 1');
      assert.ok(first.cookie !== undefined, 'a session cookie is set');
      const second = await visit(example.url, first.cookie);
      assert.equal(second.body, 'visit 2');
    } finally {
      await example.stop();
    }
  });
}

const missing = flaskMissing();
let flask: FlaskPeer | undefined;
before(async () => {
  if (missing === undefined) flask = await startFlask({ SECRET_KEY });
});
after(async () => {
  await flask?.stop();
});

test(
  'examples/node-http.mjs shares its session with the real Flask',
  { skip: process.env.CI === 'true' ? false : missing },
  async () => {
    assert.ok(flask !== undefined, missing);
    const example = await runExample([...NODE_ARGS, 'examples/node-http.mjs'], root, {
      SECRET_KEY,
    });
    try {
      await flaskRoundTrip(flask, example.url);
    } finally {
      await example.stop();
    }
  },
);
