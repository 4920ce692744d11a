import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Runs `work` while sampling the event loop every millisecond, and returns its result with
 * the longest time the loop was blocked meanwhile (the histogram's max, in ms): how long any
 * other request would have waited behind it, and the CPU time the process spent (on a machine
 * shared with other work, a block can last longer than the CPU time behind it). A probe, not a
 * profiler: it sees every block of the process, whoever caused it.
 */
export async function withLoopBlock<T>(
  work: () => Promise<T>,
): Promise<{ result: T; maxMs: number; cpuMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The sampler takes its first reading on its first tick; a block before that goes unseen.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    // The sampler records a block when its timer finally runs: let it run once more, or a
    // block at the very end of `work` would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { result, maxMs: histogram.max / 1e6, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    histogram.disable();
  }
}
