import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/process.js';

for (const [args, names] of [
  [['--help'], /canvass serve[\s\S]*canvass check[\s\S]*canvass export/],
  [['-h'], /canvass serve/],
  [['serve', '--help'], /canvass serve[\s\S]*--workers/],
  [['serve', '-h', '--port', '0'], /canvass serve/],
  [['check', '--help'], /canvass check \[DIR \| FILE\.\.\.\]/],
  [['export', '--help'], /canvass export SLUG \[--format csv\|json\|xlsx\] \[--bom\]/],
  [['export', '-h'], /canvass export SLUG/],
] as const) {
  test(`canvass ${args.join(' ')} prints the usage and exits 0`, async () => {
    const result = await runCli(args);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Usage:/);
    assert.match(result.stdout, names);
    assert.equal(result.stderr, '');
  });
}
