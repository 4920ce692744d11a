#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=30 --v8-pool-size=1
// Memory settings for a small server (docs/performance.md, "Memory"): V8's young generation
// capped at 2 MB per semi-space (its default grows to 16 MB at the first busy minute, 24 MB
// of RSS that a request never needs), the old generation collected when it has grown 30 %
// past what was live (V8 lets it grow up to 4×), and one V8 helper thread, since a server
// process gets one core of work. Measured under 32 concurrent respondents: peak RSS 96 MB
// instead of 140 MB, flows per second within the run-to-run spread. `node bin/canvass.js`
// runs without them; `canvass …`, `npm start` and `--workers` children carry them.
import { main } from '../dist/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
