import { CSRF_SESSION_KEY, SESSION_KEYS, type HealthChecks } from '../http/index.js';
import {
  createRedisSessionStore,
  createSessionManager,
  type RedisSessionStore,
  type SessionEvent,
  type SessionLayer,
} from '@canvass/session';
import { ConfigError, type ServeConfig } from './config.js';

/** The session manager `canvass serve` uses, and what to close on shutdown. */
export interface ServeSessions {
  readonly sessions: SessionLayer;
  /** What `/healthz` checks besides the database: Redis, when it holds the sessions. */
  readonly health: HealthChecks;
  readonly close: () => Promise<void>;
}

/**
 * Builds the session manager from the configuration: the key ring, lifetimes, the Redis store
 * when `SESSION_STORE` is set (it must answer now: an unreachable store stops startup), and
 * the oversize policy (development throws, production logs and keeps serving).
 */
export async function openSessions(
  config: ServeConfig,
  secretKey: string,
  onEvent: (event: SessionEvent) => void,
  /** The clock, in milliseconds; tests move it. */
  now?: () => number,
): Promise<ServeSessions> {
  const cookie = sessionCookie(config);
  const store = await openSessionStore(config);
  const sessions = createSessionManager({
    ...cookie,
    secrets: [secretKey, ...config.secretKeyFallbacks],
    mode: config.sessionFormat,
    // A permanent session's expiry moves with each write and refresh (PRODUCT.md: every cookie
    // written lives SESSION_MAX_AGE); SESSION_ABSOLUTE_TIMEOUT ends it however active.
    maxAge: config.sessionMaxAge,
    ...(config.sessionIdleTimeout === undefined ? {} : { idleTimeout: config.sessionIdleTimeout }),
    absoluteTimeout: config.sessionAbsoluteTimeout,
    ...(now === undefined ? {} : { now }),
    // A page view that only mints a CSRF token keeps it in the cookie: nothing is stored.
    ...(store === undefined ? {} : { store, cookieKeys: [CSRF_SESSION_KEY] }),
    // A bad value of one of Canvass's keys is dropped alone (issue 19).
    keys: SESSION_KEYS,
    onOversize: config.production ? 'drop' : 'throw',
    onEvent,
  });
  const health = store === undefined ? {} : { redis: () => store.ping() };
  return { sessions, health, close: async () => store?.close() };
}

async function openSessionStore(config: ServeConfig): Promise<RedisSessionStore | undefined> {
  if (config.sessionStore === undefined) return undefined;
  const store = createRedisSessionStore(config.sessionStore);
  try {
    await store.connect();
  } catch (error) {
    await store.close();
    // The URL may hold a password: never print it.
    const where = config.sessionStore.replace(/\/\/[^@/]*@/, '//***@');
    throw new ConfigError(
      `SESSION_STORE: cannot connect to ${where} (${String(error)}); start Redis or unset SESSION_STORE.`,
    );
  }
  return store;
}

/**
 * The cookie's name and whether it is always `Secure`. With SESSION_COOKIE_SECURE the name
 * defaults to `__Host-session`: the browser then accepts it only from this host over HTTPS
 * with `Path=/`, so a sibling subdomain cannot toss in a cookie of its own (issue 18). Without
 * it the name stays `session`, as Flask names it, so sessions shared with Flask keep working.
 */
export function sessionCookie(config: ServeConfig): { cookieName: string; secure: boolean } {
  const secure = config.sessionCookieSecure === true;
  const cookieName = config.sessionCookieName ?? (secure ? '__Host-session' : 'session');
  if (/^__(host|secure)-/i.test(cookieName) && !secure) {
    throw new ConfigError(
      `SESSION_COOKIE_NAME: ${cookieName} needs SESSION_COOKIE_SECURE=true (browsers refuse a ` +
        'cookie with that prefix unless it is Secure); set it, or choose another name.',
    );
  }
  return { cookieName, secure };
}
