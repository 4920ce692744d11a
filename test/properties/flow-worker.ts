// The worker thread of a shard of the respondent flow's property (flow.ts `flowProperty`).
import { runShard } from './flow.js';

await runShard();
