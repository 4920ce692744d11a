/**
 * A Redis `SessionStore` (ioredis). Each session is one hash, `PREFIX + id`, one field per
 * session key, expiring with the session. Patches run as one Lua script that first checks the
 * hash still exists, so a request still holding an id that was regenerated or destroyed
 * cannot bring it back to life with a partial write. Replacing (new and regenerated
 * sessions) is one MULTI: the new hash is written and the old one deleted together.
 *
 * The client fails fast instead of queueing: with Redis down a request gets a 503 at once,
 * rather than hanging until the server returns and then replaying writes out of order. A Redis
 * that is up but does not answer (hung, SIGSTOPped, swapping) keeps its connection open, so
 * every command also has a deadline (`commandTimeoutMs`): without one each request waited for
 * the client's socket timeout, two minutes (issue 18).
 */
import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { SessionStore, StoredFields, StoreWrite } from './store.js';

// ioredis adds ~14 MB to every process; it is loaded only when a Redis store is configured.
const load = createRequire(import.meta.url);

// KEYS[1] = hash; ARGV = ttl, number of fields to set, then field/value pairs, then fields to
// delete. Returns 0 when the hash is gone.
const PATCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local count = tonumber(ARGV[2])
for i = 0, count - 1 do redis.call('HSET', KEYS[1], ARGV[3 + 2 * i], ARGV[4 + 2 * i]) end
for i = 3 + 2 * count, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return 1`;

/** Options of `createRedisSessionStore`. */
export interface RedisStoreOptions {
  /** Prefix of every key. Default `canvass:session:`. */
  readonly prefix?: string;
  /** Receives connection errors (each failed request also reports its own). */
  readonly onError?: (error: Error) => void;
  /**
   * Milliseconds a command may take before it fails (and the request gets a 503). Default
   * 2000: a healthy Redis answers in well under a millisecond.
   */
  readonly commandTimeoutMs?: number;
}

/** The default deadline of one Redis command, in milliseconds. */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 2000;

/** A `SessionStore` on Redis, with `connect` and `close` for the application's lifecycle. */
export interface RedisSessionStore extends SessionStore {
  /** Waits for the first connection; rejects when Redis cannot be reached. */
  connect(): Promise<void>;
  /** Whether Redis answers a PING within the command timeout now (for `/healthz`); never throws. */
  ping(): Promise<boolean>;
  /** Closes the connection. */
  close(): Promise<void>;
}

/** Builds a Redis session store for `url` (`redis://[:password@]host:port/db`). */
export function createRedisSessionStore(
  url: string,
  options: RedisStoreOptions = {},
): RedisSessionStore {
  const prefix = options.prefix ?? 'canvass:session:';
  const { Redis } = load('ioredis') as typeof IORedis;
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    // Keep trying to reconnect (every ≤ 1 s) so service resumes as soon as Redis is back.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  redis.on('error', options.onError ?? (() => undefined));
  const key = (id: string) => prefix + id;
  return {
    connect: () => redis.connect(),
    ping: () =>
      redis.ping().then(
        () => true,
        () => false,
      ),
    async close() {
      await redis.quit().catch(() => {
        redis.disconnect();
      });
    },
    async read(id) {
      const fields = await redis.hgetall(key(id));
      return Object.keys(fields).length === 0 ? undefined : toDict(fields);
    },
    write: (id, change, ttl) => write(redis, key, id, change, ttl),
    async destroy(id) {
      await redis.del(key(id));
    },
  };
}

async function write(
  redis: IORedis.Redis,
  key: (id: string) => string,
  id: string,
  change: StoreWrite,
  ttl: number,
): Promise<boolean> {
  if (change.kind === 'patch') {
    const pairs = Object.entries(change.set).flat();
    const args = [ttl, pairs.length / 2, ...pairs, ...change.remove];
    return (await redis.eval(PATCH, 1, key(id), ...args)) === 1;
  }
  const transaction = redis.multi().del(key(id));
  if (Object.keys(change.fields).length > 0) transaction.hset(key(id), change.fields);
  transaction.expire(key(id), ttl);
  if (change.retire !== undefined) transaction.del(key(change.retire));
  const results = await transaction.exec();
  const failed = results?.find(([error]) => error !== null)?.[0];
  if (results === null || failed) throw failed ?? new Error('Redis transaction aborted');
  return true;
}

/** ioredis builds a plain object; copy it so `__proto__` stays an ordinary key. */
function toDict(fields: Record<string, string>): StoredFields {
  const dict = Object.create(null) as Record<string, string>;
  for (const [field, value] of Object.entries(fields)) dict[field] = value;
  return dict;
}
