/**
 * `npm run bench:session`: encode and decode of a small (~150 B) and a large (~3 KB) session,
 * Canvass in both modes side by side, in the same run, with Python's itsdangerous (Flask's own
 * session serializer), iron-session, and cookie-session's keygrip signing. Medians of
 * interleaved rounds; ops/s and the ratio of Canvass to each peer, then a summary of the
 * targets of issue 19: the default mode at least 1× the fastest peer on every operation, flask
 * mode at least 1× itsdangerous on encode and decode.
 *
 * Operations are counted per second of the process's CPU time (Node's `process.cpuUsage`,
 * Python's `time.process_time`), not of the wall clock: on a machine shared with other work,
 * a wall-clock rate mostly measures how often the scheduler ran the bench. The load average
 * is printed before and after.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sealData, unsealData } from 'iron-session';
import Keygrip from 'keygrip';
import {
  createSessionManager,
  dumpTagged,
  SessionCodec,
  type SessionManager,
} from '@canvass/session';
import { fmt, median, printTable } from './lib/measure.js';

const SECRET = 'bench-secret-key-that-is-comfortably-longer-than-32-bytes';
const ROUNDS = 3;
const MAX_AGE = 31 * 24 * 3600;
const MS = 400;

/** Operations of `fn` per second of this process's CPU time, over about `ms` of wall time. */
async function opsPerSecond(fn: () => unknown, ms: number): Promise<number> {
  const run = async (until: number) => {
    let ops = 0;
    while (performance.now() < until) {
      for (let i = 0; i < 64; i++) {
        const result = fn();
        if (result instanceof Promise) await result;
      }
      ops += 64;
    }
    return ops;
  };
  await run(performance.now() + ms / 4);
  const before = process.cpuUsage();
  const ops = await run(performance.now() + ms);
  const used = process.cpuUsage(before);
  return ops / ((used.user + used.system) / 1e6);
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const loadBefore = load();

const small = {
  csrf: 'tBbB7LKvN5bjeGdRWqqea8RKhL5-ISOl',
  progress: { satisfaction: [1234, 2], personality: [1301, 0] },
  user: 'alice@example.com',
  theme: 'dark',
};
const large = {
  ...small,
  cart: Array.from({ length: 40 }, (_, i) => ({
    sku: `SKU-${1000 + i}`,
    qty: (i % 3) + 1,
    note: `gift wrap ${i}`,
  })),
};
const payloads = { small, large } as const;
type PayloadName = keyof typeof payloads;

interface Contender {
  readonly name: string;
  encode(payload: Record<string, unknown>): unknown;
  decoder(payload: Record<string, unknown>): Promise<() => unknown>;
}

/**
 * Canvass's codec, the like of what itsdangerous' `dumps`/`loads` do: tagged JSON, compress
 * when it pays, sign; verify, check the age, parse and untag.
 */
function canvassCodec(name: string, mode: 'canvass' | 'flask'): Contender {
  // Nothing remembered: every decode verifies in full, as a cookie from another instance does.
  const codec = new SessionCodec([SECRET], mode, 0);
  const now = () => Math.floor(Date.now() / 1000);
  // As the manager writes: sorted keys (Flask's bytes) in flask mode, each dict's own order else.
  const order = mode === 'flask' ? 'sorted' : 'own';
  const encode = (payload: Record<string, unknown>) =>
    codec.encode(dumpTagged(payload, order), now());
  return {
    name,
    encode,
    decoder: (payload) => {
      const value = encode(payload);
      const back = codec.decode(value, now(), MAX_AGE);
      if (!back.ok || back.data.user !== 'alice@example.com')
        throw new Error(`${name} does not round-trip`);
      return Promise.resolve(() => codec.decode(value, now(), MAX_AGE));
    },
  };
}

/** The whole session layer: `Cookie` header → `Session` (and a read), `Session` → `Set-Cookie`. */
function canvassSession(name: string): Contender {
  const manager: SessionManager = createSessionManager({ secrets: [SECRET], recentCookieBytes: 0 });
  const encode = (payload: Record<string, unknown>) => {
    const session = manager.load(undefined);
    for (const [key, value] of Object.entries(payload)) session.set(key, value);
    return manager.commit(session);
  };
  return {
    name,
    encode,
    decoder: (payload) => {
      const header = `session=${/^session=([^;]*)/.exec(String(encode(payload)))?.[1] ?? ''}`;
      if (manager.load(header).get('user') !== 'alice@example.com')
        throw new Error(`${name} does not round-trip`);
      return Promise.resolve(() => manager.load(header).get('user'));
    },
  };
}

const ironOptions = { password: SECRET, ttl: 30 * 24 * 3600 };
const iron: Contender = {
  name: 'iron-session',
  encode: (payload) => sealData(payload, ironOptions),
  decoder: async (payload) => {
    const seal = await sealData(payload, ironOptions);
    return () => unsealData(seal, ironOptions);
  },
};

// cookie-session signs `session=<base64 JSON>` with keygrip into a second `session.sig` cookie.
const keys = new Keygrip([SECRET]);
const keygrip: Contender = {
  name: 'cookie-session (keygrip)',
  encode: (payload) => {
    const value = Buffer.from(JSON.stringify(payload)).toString('base64');
    return [value, keys.sign(`session=${value}`)];
  },
  decoder: (payload) => {
    const value = Buffer.from(JSON.stringify(payload)).toString('base64');
    const sig = keys.sign(`session=${value}`);
    return Promise.resolve(() => {
      if (keys.index(`session=${value}`, sig) < 0) throw new Error('bad signature');
      return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as unknown;
    });
  },
};

const contenders = [
  canvassCodec('Canvass', 'canvass'),
  canvassCodec('Canvass (flask mode)', 'flask'),
  canvassSession('Canvass whole session'),
  iron,
  keygrip,
];
type Op = 'encode' | 'decode';
const results = new Map<string, number[]>();
const record = (who: string, op: Op, payload: PayloadName, value: number) => {
  const key = `${who}|${op}|${payload}`;
  results.set(key, [...(results.get(key) ?? []), value]);
};

function itsdangerous(): Record<PayloadName, Record<Op, number>> | undefined {
  const script = fileURLToPath(new URL('session_itsdangerous.py', import.meta.url));
  const run = spawnSync('python3', [script], {
    input: JSON.stringify({ secret: SECRET, payloads, ms: MS }),
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.error(`itsdangerous skipped: ${run.error?.message ?? run.stderr}`);
    return undefined;
  }
  return JSON.parse(run.stdout) as Record<PayloadName, Record<Op, number>>;
}

for (let round = 1; round <= ROUNDS; round++) {
  process.stderr.write(`round ${round}/${ROUNDS}\n`);
  for (const name of Object.keys(payloads) as PayloadName[]) {
    const payload = payloads[name];
    for (const c of contenders) {
      record(c.name, 'encode', name, await opsPerSecond(() => c.encode(payload), MS));
      record(c.name, 'decode', name, await opsPerSecond(await c.decoder(payload), MS));
    }
  }
  const py = itsdangerous();
  for (const name of Object.keys(payloads) as PayloadName[]) {
    for (const op of ['encode', 'decode'] as const) {
      const value = py?.[name][op];
      if (value !== undefined) record('itsdangerous (Python)', op, name, value);
    }
  }
}

const names = [...contenders.map((c) => c.name), 'itsdangerous (Python)'];
const opsOf = (who: string, op: Op, payload: PayloadName) =>
  median(results.get(`${who}|${op}|${payload}`) ?? [NaN]);
const cases = (['decode', 'encode'] as const).flatMap((op) =>
  (['small', 'large'] as const).map((p) => [op, p] as const),
);

console.log(
  `\nSession encode/decode, ops/s (median of ${ROUNDS} interleaved rounds, Node ${process.version})\n`,
);
console.log(
  `Payload JSON sizes: small ${JSON.stringify(small).length} B, large ${JSON.stringify(large).length} B\n`,
);
printTable(
  ['operation', ...names],
  cases.map(([op, p]) => [`${op} ${p}`, ...names.map((n) => fmt(opsOf(n, op, p)))]),
);

const peers = names.slice(3);
console.log(
  '\nRatio of the Canvass codec to each peer (higher is faster; flask mode against itsdangerous, its own format).' +
    '\n"Canvass whole session" adds Cookie-header parsing, lifetimes and the Session object (or Set-Cookie).\n',
);
printTable(
  ['operation', ...peers.map((p) => `Canvass ÷ ${p}`), 'Canvass (flask mode) ÷ itsdangerous'],
  cases.map(([op, p]) => [
    `${op} ${p}`,
    ...peers.map((peer) => `${(opsOf('Canvass', op, p) / opsOf(peer, op, p)).toFixed(1)}×`),
    `${(opsOf('Canvass (flask mode)', op, p) / opsOf('itsdangerous (Python)', op, p)).toFixed(1)}×`,
  ]),
);

const fastestPeer = (op: Op, p: PayloadName) =>
  Math.max(...peers.map((peer) => opsOf(peer, op, p)).filter((n) => !Number.isNaN(n)));
const verdict = (ratio: number) => `${ratio.toFixed(2)}× ${ratio >= 1 ? 'ok' : 'BELOW TARGET'}`;
console.log(
  '\nSummary (issue 19 targets): the default mode against the fastest peer of each row, flask' +
    ' mode against itsdangerous.\n',
);
printTable(
  [
    'operation',
    'fastest peer',
    'Canvass ÷ fastest peer (≥ 1×)',
    'flask mode ÷ itsdangerous (≥ 1×)',
  ],
  cases.map(([op, p]) => {
    const best = fastestPeer(op, p);
    const who = peers.find((peer) => opsOf(peer, op, p) === best) ?? '?';
    return [
      `${op} ${p}`,
      who,
      verdict(opsOf('Canvass', op, p) / best),
      verdict(opsOf('Canvass (flask mode)', op, p) / opsOf('itsdangerous (Python)', op, p)),
    ];
  }),
);
console.log(
  `\nLoad average (1, 5, 15 min): ${loadBefore} before, ${load()} after, on ${availableParallelism()} CPUs. Rates are per second of CPU time.`,
);
