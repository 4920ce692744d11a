import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { deployBlock, findCommand } from './nginx.js';

const ANALYZE = findCommand('systemd-analyze');

test(
  "docs/deploy.md's systemd unit passes systemd-analyze verify",
  // In CI (.ci/run installs it) a missing systemd-analyze is a failure, not a skip.
  {
    skip:
      ANALYZE === undefined && process.env.CI !== 'true'
        ? 'systemd-analyze is not installed'
        : false,
  },
  (t) => {
    assert.ok(ANALYZE !== undefined, 'systemd-analyze is not installed (apt-get install systemd)');
    const dir = mkdtempSync(join(tmpdir(), 'canvass-unit-'));
    t.after(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    // verify checks that ExecStart's program exists: point it at this machine's node.
    const unit = deployBlock('ini').replace('/usr/bin/node', process.execPath);
    writeFileSync(join(dir, 'canvass.service'), unit);
    const result = spawnSync(ANALYZE, ['verify', join(dir, 'canvass.service')], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr.trim(), '');
  },
);
