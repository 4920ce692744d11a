/**
 * Per-key schemas (the `keys` option). A whole-session `schema` can only accept or refuse the
 * whole dictionary, so one bad value (a stale shape from an older release, a Flask app writing
 * the same key its own way) used to cost the whole session, login included. With `keys`, each
 * listed key is checked on its own: a bad value is dropped alone on load (an `invalid` event
 * names it), and a write of a bad value is refused at the `set` that makes it. Keys not listed
 * are not checked. A schema is anything with zod's `safeParse`, or a Standard Schema
 * (`~standard.validate`, https://standardschema.dev) that answers synchronously.
 */
import { issuesMessage, type SchemaResult } from './schema.js';
import { shown } from './option-checks.js';

/** A Standard Schema v1, reduced to the synchronous validation the session layer runs. */
export interface StandardSchemaLike<T> {
  readonly '~standard': {
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: T; readonly issues?: undefined }
      | { readonly issues: readonly { readonly message: string; readonly path?: unknown }[] }
      | Promise<unknown>;
  };
}

/** A schema for one session key: zod-like (`safeParse`) or a Standard Schema. */
export type KeySchema<T> = { safeParse(input: unknown): SchemaResult<T> } | StandardSchemaLike<T>;

/** The `keys` option: a schema per key of the session's shape. */
export type SessionKeySchemas<Data extends Record<string, unknown>> = {
  readonly [K in keyof Data & string]?: KeySchema<Data[K]>;
};

/** Why `value` fails the key's schema, or `undefined` when it passes. */
export type KeyCheck = (value: unknown) => string | undefined;

function safeParseCheck(schema: { safeParse(input: unknown): SchemaResult<unknown> }): KeyCheck {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? undefined : issuesMessage(result.error);
  };
}

function standardCheck(key: string, schema: StandardSchemaLike<unknown>): KeyCheck {
  return (value) => {
    const result = schema['~standard'].validate(value);
    if (result instanceof Promise) {
      // A bug in the configuration, not in the request: say which key and what to use.
      void result.catch(() => undefined);
      throw new TypeError(
        `Session key schema ${JSON.stringify(key)} validates asynchronously; session keys need a synchronous schema`,
      );
    }
    return result.issues === undefined ? undefined : issuesMessage(result);
  };
}

/** Outcomes of checks of values shared between requests, per check (they are frozen). */
const sharedOutcomes = new WeakMap<KeyCheck, WeakMap<object, string | undefined>>();

/**
 * speed: `check(value)` for a value shared between requests (cache/shared-data.ts: deeply
 * frozen, so its outcome cannot change), worked out once per value rather than per request.
 */
export function checkShared(check: KeyCheck, value: object): string | undefined {
  let outcomes = sharedOutcomes.get(check);
  if (outcomes === undefined) sharedOutcomes.set(check, (outcomes = new WeakMap()));
  if (outcomes.has(value)) return outcomes.get(value);
  const failure = check(value);
  outcomes.set(value, failure);
  return failure;
}

/** Checks the `keys` option once, at startup, into one check per key. */
export function keyChecks(value: unknown): ReadonlyMap<string, KeyCheck> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `Session option keys must be an object of schemas by key (got ${shown(value)})`,
    );
  }
  const checks = new Map<string, KeyCheck>();
  for (const [key, schema] of Object.entries(value as Record<string, unknown>)) {
    const holder = schema as Record<string, unknown> | null;
    const standard = (holder?.['~standard'] as Record<string, unknown> | undefined)?.validate;
    if (typeof holder?.safeParse === 'function') {
      checks.set(
        key,
        safeParseCheck(schema as { safeParse(input: unknown): SchemaResult<unknown> }),
      );
    } else if (typeof standard === 'function') {
      checks.set(key, standardCheck(key, schema as StandardSchemaLike<unknown>));
    } else {
      throw new TypeError(
        `Session option keys.${key} must be a schema with safeParse() or ~standard.validate() (got ${shown(schema)})`,
      );
    }
  }
  return checks;
}
