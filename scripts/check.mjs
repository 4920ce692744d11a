#!/usr/bin/env node
// `npm run check`, the one gate: format, lint and typecheck side by side (each a single
// thread: one after the other they left a core idle for ~80 s of CI), their output printed in
// that order once all three are done, then `npm test` if all three passed. Exits non-zero when
// any step fails.
import { npm, run } from './run.mjs';

const steps = ['format:check', 'lint', 'typecheck'];
const results = await Promise.all(steps.map((step) => run(npm, ['run', step], { keep: true })));
let failed = 0;
for (const { code, output } of results) {
  process.stdout.write(output);
  if (code !== 0) failed = code;
}
if (failed !== 0) process.exit(failed);
const { code } = await run(npm, ['run', 'test']);
process.exit(code);
