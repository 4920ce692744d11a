/**
 * Runs a TypeScript module in a worker thread and settles when it is done: rejects with the
 * error it throws, or when it exits otherwise than with 0.
 *
 * speed: node:test keeps an async hook with a destroy callback on every async resource of its
 * process (to tell which test an uncaught error came from), which makes each promise of code
 * run inside a test ~40× dearer (1,000,000 awaits: 51 ms alone, 2,117 ms inside a test); a
 * worker's are not watched. The CPU-heavy property tests run their runs in one.
 */
import { Worker } from 'node:worker_threads';

export function inWorker(module: URL, workerData?: unknown): Promise<void> {
  // A worker does not inherit the parent's module hooks: it registers tsx's before importing.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `(async () => {
    const { register } = await import(${JSON.stringify(tsx)});
    register();
    await import(${JSON.stringify(module.href)});
  })()`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${module.pathname} exited with ${String(code)}`));
    });
  });
}
