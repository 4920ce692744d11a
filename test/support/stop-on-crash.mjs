// Part of crashing-reader.mjs: ends the worker thread on the query `crash`.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (/** @type {{ sql: string }} */ message) => {
  if (message.sql === 'crash') process.exit(1);
});
