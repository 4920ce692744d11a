/**
 * Typed sessions. A schema (any zod-compatible `{ safeParse }`) is checked when a session is
 * loaded: a signed cookie is only as trustworthy as every version of the code that ever
 * signed one, so a session written by an older release (or a Flask app sharing the key)
 * whose shape no longer matches is treated as empty rather than crashing a handler later.
 * In development it is also checked on each `set`/`delete`, so a wrong write throws where it
 * is made instead of being signed and then discarded, login and all, by the next request.
 */
import { FLASHES_KEY } from './flash.js';
import type { SessionData } from './session-data.js';
import { PERMANENT_KEY } from './session.js';

/** What `safeParse` returns, reduced to what the session layer reads. */
export type SchemaResult<Data> =
  | { readonly success: true; readonly data: Data }
  | { readonly success: false; readonly error?: unknown };

/**
 * A schema for the session's own keys, e.g. `z.object({ userId: z.string().optional() })`.
 * Flask's internal keys (`_flashes`, `_permanent`) are not shown to it. The data is kept as
 * stored: the schema checks, it does not transform (so zod defaults do not apply).
 */
export interface SessionSchema<Data extends Record<string, unknown>> {
  safeParse(input: unknown): SchemaResult<Data>;
}

const INTERNAL_KEYS = new Set([FLASHES_KEY, PERMANENT_KEY]);

/** `data` without Flask's internal keys, as the schema sees it. */
function visibleData(data: SessionData): Record<string, unknown> {
  const visible: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!INTERNAL_KEYS.has(key))
      Object.defineProperty(visible, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return visible;
}

/** What a failed `safeParse` says, cut to a log line's length. */
function failureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : 'the session does not match the schema';
  // zod's message lists every issue as JSON; a log line only needs the start of it.
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/** Why `data` fails `schema`, or `undefined` when it passes. */
export function schemaFailure(
  schema: SessionSchema<Record<string, unknown>>,
  data: SessionData,
): string | undefined {
  const result = schema.safeParse(visibleData(data));
  return result.success ? undefined : failureMessage(result.error);
}

/** One problem a zod-like error lists: where (`path`) and what (`message`). */
interface Issue {
  readonly path: readonly unknown[];
  readonly message: string;
}

/** The error's `issues` (zod's shape), or `undefined` when it has none to read. */
function issuesOf(error: unknown): readonly Issue[] | undefined {
  const issues = (error as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  return (issues as unknown[]).every(
    (i) =>
      typeof i === 'object' &&
      i !== null &&
      (Array.isArray((i as Issue).path) || (i as Partial<Issue>).path === undefined) &&
      typeof (i as Issue).message === 'string',
  )
    ? (issues as Partial<Issue>[]).map((i) => ({ path: i.path ?? [], message: i.message ?? '' }))
    : undefined;
}

/**
 * Why writing `value` under `key` (`undefined`: removing it) would leave the session failing
 * `schema` because of that key, or `undefined`. Only the issues about `key` count: a schema
 * whose other keys are required fails for a half-built session, which is not this write's
 * fault. A schema whose errors list no issues is judged on the whole session instead: the
 * write fails it only if the session passed before.
 */
export function writeFailure(
  schema: SessionSchema<Record<string, unknown>>,
  data: SessionData,
  key: string,
  value: unknown,
): string | undefined {
  if (INTERNAL_KEYS.has(key)) return undefined;
  const candidate = visibleData(data);
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a copy, only for the check
  if (value === undefined) delete candidate[key];
  else
    Object.defineProperty(candidate, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  const result = schema.safeParse(candidate);
  if (result.success) return undefined;
  const issues = issuesOf(result.error);
  if (issues === undefined) {
    return schemaFailure(schema, data) === undefined ? failureMessage(result.error) : undefined;
  }
  const own = issues.filter((issue) => issue.path[0] === key);
  if (own.length === 0) return undefined;
  return listed(own.map((issue) => ({ ...issue, path: issue.path.slice(1) })));
}

/** Issues as one line: `path: message; …` (a Standard Schema path segment may be `{ key }`). */
function listed(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map((segment) =>
        typeof segment === 'object' && segment !== null && 'key' in segment
          ? String(segment.key)
          : String(segment),
      );
      return path.length === 0 ? issue.message : `${path.join('.')}: ${issue.message}`;
    })
    .join('; ');
}

/** What a failed check says: its issues (zod's or a Standard Schema's) or its message. */
export function issuesMessage(error: unknown): string {
  const issues = issuesOf(error);
  return issues === undefined || issues.length === 0 ? failureMessage(error) : listed(issues);
}
