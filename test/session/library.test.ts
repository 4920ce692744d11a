import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The public entry points, and the source file each one is built from. */
const ENTRY_POINTS = {
  'canvass/session': 'src/session/index.ts',
  'canvass/session/fastify': 'src/http/plugins/session.ts',
} as const;

test('package.json exports canvass/session and canvass/session/fastify from their built sources', () => {
  const { exports } = JSON.parse(read('package.json')) as { exports: Record<string, string> };
  for (const [specifier, source] of Object.entries(ENTRY_POINTS)) {
    const built = `./${source.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js')}`;
    assert.equal(exports[specifier.replace(/^canvass/, '.')], built, specifier);
  }
});

test('the README example works as written, through the public entry points', async () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Sessions as a library'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code !== undefined, 'the section has a TypeScript example');
  const imports = [...code.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  assert.deepEqual(imports, ['fastify', 'zod', ...Object.keys(ENTRY_POINTS)]);
  // Run it from a temporary file, with each bare specifier resolved from this project.
  let runnable = code;
  for (const specifier of ['fastify', 'zod']) {
    runnable = runnable.replace(`'${specifier}'`, `'${import.meta.resolve(specifier)}'`);
  }
  for (const [specifier, source] of Object.entries(ENTRY_POINTS)) {
    runnable = runnable.replace(`'${specifier}'`, `'${pathToFileURL(join(root, source)).href}'`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'canvass-readme-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, runnable);
  process.env.SECRET_KEY = 'readme-example-secret-key-of-32-bytes';
  const app = ((await import(pathToFileURL(file).href)) as { default: FastifyInstance }).default;
  try {
    const first = await app.inject({ url: '/' });
    assert.equal(first.body, 'visit 1');
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    const second = await app.inject({ url: '/', headers: { cookie } });
    assert.equal(second.body, 'visit 2');
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
