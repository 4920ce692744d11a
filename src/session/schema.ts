/**
 * Typed sessions. A schema (any zod-compatible `{ safeParse }`) is checked when a session is
 * loaded: a signed cookie is only as trustworthy as every version of the code that ever
 * signed one, so a session written by an older release (or a Flask app sharing the key)
 * whose shape no longer matches is treated as empty rather than crashing a handler later.
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

/** Why `data` fails `schema`, or `undefined` when it passes. */
export function schemaFailure(
  schema: SessionSchema<Record<string, unknown>>,
  data: SessionData,
): string | undefined {
  const visible: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!INTERNAL_KEYS.has(key))
      Object.defineProperty(visible, key, { value, enumerable: true, writable: true });
  }
  const result = schema.safeParse(visible);
  if (result.success) return undefined;
  const error = result.error;
  const message = error instanceof Error ? error.message : 'the session does not match the schema';
  // zod's message lists every issue as JSON; a log line only needs the start of it.
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
