import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
// The files themselves, not http/index.js: `check` and `export` load this module too.
import { DEFAULT_RATE_LIMIT } from '../http/hardening/limit-values.js';
import { trustProxySchema } from '../http/hardening/trust-proxy.js';
import { parseDatabaseUrl } from '../storage/index.js';

/** The surveys that ship with Canvass: the two classic flask-survey surveys. */
export const BUILTIN_SURVEYS = fileURLToPath(new URL('../../surveys', import.meta.url));

/** The shortest secret accepted: 32 bytes, the HMAC-SHA256 block size's half and OWASP's floor. */
export const MIN_SECRET_BYTES = 32;

const secret = (name: string) =>
  z.string().refine((s) => Buffer.byteLength(s) >= MIN_SECRET_BYTES, {
    message: `${name} must be at least ${MIN_SECRET_BYTES} bytes long; generate one with: openssl rand -base64 48`,
  });

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Everything `canvass serve` can be told, from flags or the environment (flags win). One schema:
 * the option table in the README is this, and every bad value fails startup with what to set.
 */
export const serveConfigSchema = z.object({
  port: integer(0, 65_535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  surveys: z.string().min(1).default(BUILTIN_SURVEYS),
  databaseUrl: z
    .string()
    .min(1)
    .superRefine((url, ctx) => {
      // The scheme is checked at startup, not when the first query fails.
      try {
        parseDatabaseUrl(url);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .default('sqlite:./data/canvass.db'),
  dataDir: z.string().min(1).default('./data'),
  secretKey: secret('SECRET_KEY').optional(),
  // A comma-separated list: one key per entry, never one key per character.
  secretKeyFallbacks: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    )
    .pipe(z.array(secret('each SECRET_KEY_FALLBACKS entry'))),
  sessionMaxAge: integer(60, 400 * 24 * 3600).default(30 * 24 * 3600),
  sessionFormat: z.enum(['canvass', 'flask']).default('canvass'),
  sessionIdleTimeout: integer(60, 400 * 24 * 3600).optional(),
  // However active: 400 days, the longest a browser keeps a cookie (RFC 6265bis).
  sessionAbsoluteTimeout: integer(60, 400 * 24 * 3600).default(400 * 24 * 3600),
  // The cookie then carries only a signed id; redis:// or rediss:// (TLS), as ioredis reads it.
  sessionStore: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379')
    .optional(),
  sessionCookieSecure: z.stringbool().optional(),
  // Default `__Host-session` when SESSION_COOKIE_SECURE is on, else `session` (Flask's name);
  // a __Host- or __Secure- name needs SESSION_COOKIE_SECURE (checked in sessions.ts).
  sessionCookieName: z
    .string()
    .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'must be a cookie name (letters, digits, - _ .)')
    .optional(),
  // Admin sessions end after this long without an admin request, and this long after login.
  adminSessionIdleTimeout: integer(60, 7 * 24 * 3600).default(30 * 60),
  adminSessionMaxAge: integer(60, 30 * 24 * 3600).default(12 * 3600),
  // The owners' password for /admin (compared in constant time; see routes/admin/auth.ts).
  adminPassword: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters long').optional(),
  // 1: one process, no cluster. 0 or "auto": one worker per core the OS lets us use.
  workers: z
    .union([z.literal('auto'), integer(0, 256)], {
      error: 'must be a whole number from 0 to 256, or auto (0 and auto: one per core)',
    })
    .transform((n) => (n === 'auto' || n === 0 ? availableParallelism() : n))
    .default(1),
  // New responses (begin) per client address per minute; 0 turns every per-client limit off
  // (http/hardening/limits.ts). Page views and answers have no limit at all.
  rateLimit: integer(0, 1_000_000).default(DEFAULT_RATE_LIMIT),
  // Whose X-Forwarded-For to believe: a hop count or proxy addresses; unset trusts none.
  trustProxy: trustProxySchema.optional(),
  // Seconds after which an unfinished response with no answer is deleted (cli/pruner.ts);
  // 0 keeps them for ever. A day: anyone who clicked Start and answered nothing by then
  // starts again with nothing lost.
  pruneEmptyAfter: integer(0, 10 * 365 * 24 * 3600).default(24 * 3600),
  // Let webhooks reach loopback and private addresses (cli/webhook-post.ts): off, so an
  // endpoint cannot make the server call into its own network (SSRF; docs/decisions/0018).
  webhookAllowPrivate: z.stringbool().default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  production: z.boolean().default(false),
});

export type ServeConfig = z.output<typeof serveConfigSchema>;

/** Environment variable for each option. */
export const ENVIRONMENT: Record<keyof ServeConfig, string | undefined> = {
  port: 'PORT',
  host: 'HOST',
  surveys: 'CANVASS_SURVEYS',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'CANVASS_DATA_DIR',
  secretKey: 'SECRET_KEY',
  secretKeyFallbacks: 'SECRET_KEY_FALLBACKS',
  sessionMaxAge: 'SESSION_MAX_AGE',
  sessionIdleTimeout: 'SESSION_IDLE_TIMEOUT',
  sessionAbsoluteTimeout: 'SESSION_ABSOLUTE_TIMEOUT',
  sessionFormat: 'SESSION_FORMAT',
  sessionStore: 'SESSION_STORE',
  sessionCookieSecure: 'SESSION_COOKIE_SECURE',
  sessionCookieName: 'SESSION_COOKIE_NAME',
  adminSessionIdleTimeout: 'ADMIN_SESSION_IDLE_TIMEOUT',
  adminSessionMaxAge: 'ADMIN_SESSION_MAX_AGE',
  adminPassword: 'ADMIN_PASSWORD',
  workers: 'CANVASS_WORKERS',
  rateLimit: 'RATE_LIMIT',
  trustProxy: 'TRUST_PROXY',
  pruneEmptyAfter: 'PRUNE_EMPTY_AFTER',
  webhookAllowPrivate: 'WEBHOOK_ALLOW_PRIVATE',
  logLevel: 'LOG_LEVEL',
  production: undefined,
};

/** Thrown for configuration that cannot work; the message says what to set. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Merges flags over environment and validates the result. */
export function resolveServeConfig(
  flags: Partial<Record<keyof ServeConfig, string>>,
  env: NodeJS.ProcessEnv,
): ServeConfig {
  const input: Record<string, unknown> = { production: env.NODE_ENV === 'production' };
  for (const [key, variable] of Object.entries(ENVIRONMENT)) {
    const value =
      flags[key as keyof ServeConfig] ?? (variable === undefined ? undefined : env[variable]);
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = serveConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof ServeConfig;
      const variable = ENVIRONMENT[key];
      return `  ${variable ?? key}: ${issue.message}`;
    });
    // One problem fits on one line; several get one line each.
    const text = lines.length === 1 ? ` ${lines[0]?.trim() ?? ''}` : `\n${lines.join('\n')}`;
    throw new ConfigError(`Invalid configuration:${text}`);
  }
  return parsed.data;
}
