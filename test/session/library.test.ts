import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as fastifyAdapter from '@canvass/session/fastify';
import * as library from '@canvass/session';
import * as legacyFastify from '../../src/exports/session-fastify.js';
import * as legacy from '../../src/exports/session.js';

const root = new URL('../../', import.meta.url);

test('canvass/session and canvass/session/fastify still export the library, from src/exports', () => {
  const { exports } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    exports: Record<string, string>;
  };
  assert.equal(exports['./session'], './dist/exports/session.js');
  assert.equal(exports['./session/fastify'], './dist/exports/session-fastify.js');
  assert.deepEqual(Object.keys(legacy).sort(), Object.keys(library).sort());
  assert.equal(legacy.createSessionManager, library.createSessionManager);
  assert.equal(legacyFastify.registerSessions, fastifyAdapter.registerSessions);
});

test('Canvass depends on @canvass/session through the workspace', () => {
  const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    workspaces: string[];
    dependencies: Record<string, string>;
  };
  assert.deepEqual(manifest.workspaces, ['packages/session']);
  assert.ok('@canvass/session' in manifest.dependencies);
  assert.ok(!('pako' in manifest.dependencies), 'pako comes with the package');
});
