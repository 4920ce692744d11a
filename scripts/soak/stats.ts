/** Request latencies in 0.1 ms buckets up to 30 s: constant memory however long the soak. */
export class Histogram {
  private readonly buckets = new Uint32Array(300_001);
  count = 0;

  add(ms: number): void {
    const i = Math.min(Math.round(ms * 10), this.buckets.length - 1);
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.count++;
  }

  /** The latency below which `p` (0–1) of the requests fell, in milliseconds. */
  percentile(p: number): number {
    const target = Math.ceil(this.count * p);
    let seen = 0;
    for (const [i, n] of this.buckets.entries()) {
      seen += n;
      if (seen >= target && n > 0) return i / 10;
    }
    return 0;
  }

  reset(): void {
    this.buckets.fill(0);
    this.count = 0;
  }
}

/** One row of the table printed while the soak runs. */
export interface Sample {
  readonly seconds: number;
  readonly serverMb: number | undefined;
}

/** What {@link plateau} found; every figure is printed with the verdict. */
export interface Plateau {
  readonly ok: boolean;
  readonly middleMedianMb: number;
  readonly lastMedianMb: number;
  readonly lastMaxMb: number;
  readonly allowedMb: number;
  readonly slopeMbPerMin: number;
}

/** Growth faster than this over the last two thirds is a leak whatever the medians say. */
const MAX_SLOPE_MB_PER_MIN = 1;

/**
 * Whether memory levelled off. The run is cut in thirds by time; the warm-up third is
 * ignored (caches, JIT, pools fill). Memory has plateaued when the median RSS of the last
 * third is within 5 % or 5 MB (whichever is more) of the middle third's median, and the
 * least-squares trend over both thirds is under 1 MB/min. Medians, because RSS follows the
 * garbage collector in spikes of ±20 MB under load: a single late spike is not a leak, while
 * a leak raises the floor and the trend. A leak slower than 1 MB/min needs a longer soak.
 */
export function plateau(samples: readonly Sample[]): Plateau | undefined {
  const measured = samples.filter(
    (s): s is Sample & { serverMb: number } => s.serverMb !== undefined,
  );
  const end = measured.at(-1)?.seconds ?? 0;
  const middle = measured.filter((s) => s.seconds > end / 3 && s.seconds <= (2 * end) / 3);
  const last = measured.filter((s) => s.seconds > (2 * end) / 3);
  if (middle.length === 0 || last.length === 0) return undefined;
  const middleMedianMb = median(middle.map((s) => s.serverMb));
  const lastMedianMb = median(last.map((s) => s.serverMb));
  const allowedMb = Math.max(5, middleMedianMb * 0.05);
  const slopeMbPerMin = slope([...middle, ...last]) * 60;
  return {
    ok: lastMedianMb - middleMedianMb <= allowedMb && slopeMbPerMin < MAX_SLOPE_MB_PER_MIN,
    middleMedianMb,
    lastMedianMb,
    lastMaxMb: Math.max(...last.map((s) => s.serverMb)),
    allowedMb,
    slopeMbPerMin,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Least-squares slope of RSS over time, in MB per second. */
function slope(points: readonly { seconds: number; serverMb: number }[]): number {
  const n = points.length;
  const mx = points.reduce((sum, p) => sum + p.seconds, 0) / n;
  const my = points.reduce((sum, p) => sum + p.serverMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.seconds - mx) * (p.serverMb - my);
    den += (p.seconds - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
