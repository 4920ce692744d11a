/**
 * What a stranger gets: `npm pack` of this package, installed into an empty project from the
 * tarball (pako comes from the registry), is small, and the README's node:http example runs
 * there as written, with plain Node, against the real Flask.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { flaskMissing, startFlask } from '../interop/flask-peer.js';
import { flaskRoundTrip, runExample } from './run-example.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'canvass-session-pack-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The packages installed under `modules` (scoped ones counted one by one). */
function packagesIn(modules: string): string[] {
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) =>
      name.startsWith('@')
        ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`)
        : [name],
    );
}

/** Bytes of every file under `dir`. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const missing = flaskMissing();

test(
  'the packed package installs small and runs the README node:http example against Flask',
  { skip: process.env.CI === 'true' ? false : missing, timeout: 300_000 },
  async () => {
    const npm = (args: string[], cwd: string) =>
      execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root)) as {
      filename: string;
    }[];
    const tarball = join(work, packed[0]?.filename ?? '');
    const project = join(work, 'project');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), '{ "name": "stranger", "type": "module" }\n');
    npm(['install', '--no-audit', '--no-fund', tarball], project);

    const modules = join(project, 'node_modules');
    const installed = packagesIn(modules);
    assert.ok(installed.length <= 5, `at most 5 packages: ${installed.join(', ')}`);
    assert.deepEqual(installed.sort(), ['@canvass/session', 'pako']);
    const bytes = sizeOf(modules);
    assert.ok(bytes < 5 * 1024 * 1024, `under 5 MB installed: ${String(bytes)} bytes`);

    copyFileSync(join(root, 'examples/node-http.mjs'), join(project, 'server.mjs'));
    const SECRET_KEY = 'packed-example-secret-key-of-32-bytes!';
    const flask = await startFlask({ SECRET_KEY });
    const example = await runExample(['server.mjs'], project, { SECRET_KEY });
    try {
      await flaskRoundTrip(flask, example.url);
    } finally {
      await example.stop();
      await flask.stop();
    }
  },
);
