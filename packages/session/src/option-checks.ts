/**
 * Checks of the session options, run once when a manager or codec is built. TypeScript
 * catches most mistakes, but not those of a JavaScript caller, a value read from the
 * environment or a spread object: without these, `mode: 'flaks'` failed at the first commit
 * (`this.compress is not a function`) and `secrets: '…'` with `secrets.forEach is not a
 * function` (issue 19). Each check throws a `TypeError` (wrong kind of value) or `RangeError`
 * (right kind, out of range) whose message names the option, says what it must be and what it
 * got. A secret's value is never shown.
 */

/** `value` as a message shows it: strings quoted and cut short, other kinds by their type. */
export function shown(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(name: string, what: string, value: unknown, kind = TypeError): never {
  throw new kind(`Session option ${name} must be ${what} (got ${shown(value)})`);
}

/** `value` if it is one of `allowed`. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (allowed.includes(value as T)) return value as T;
  const last = allowed.length > 1 ? ` or '${allowed[allowed.length - 1] ?? ''}'` : '';
  const list = allowed.slice(0, allowed.length > 1 ? -1 : 1).map((a) => `'${a}'`);
  return fail(name, `${list.join(', ')}${last}`, value);
}

/** `value` if it is a whole number of at least `min` (1 unless said). */
export function wholeNumber(name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number') fail(name, 'a number of seconds or bytes', value);
  if (!Number.isSafeInteger(value) || value < min) {
    fail(
      name,
      min === 1 ? 'a positive whole number' : `a whole number ≥ ${min}`,
      value,
      RangeError,
    );
  }
  return value;
}

/** `value` if it is a boolean. */
export function flag(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(name, 'true or false', value);
  return value;
}

/** `value` if it is a string. */
export function text(name: string, value: unknown): string {
  if (typeof value !== 'string') fail(name, 'a string', value);
  return value;
}

/** `value` if it is a function. */
export function callback<F>(name: string, value: F): F {
  if (typeof value !== 'function') fail(name, 'a function', value);
  return value;
}

/** `value` if it is an object whose `methods` are all functions (a schema, a store). */
export function withMethods<T>(name: string, value: T, methods: readonly string[]): T {
  const holder = value as Record<string, unknown> | null;
  const missing = methods.filter((m) => typeof holder?.[m] !== 'function');
  if (typeof value !== 'object' || value === null || missing.length > 0) {
    fail(name, `an object with ${methods.map((m) => `${m}()`).join(', ')}`, value);
  }
  return value;
}

/** `value` if it is a list of strings. */
export function stringList(name: string, value: unknown): readonly string[] {
  if (!Array.isArray(value)) fail(name, 'a list of strings', value);
  (value as unknown[]).forEach((item, index) => text(`${name}[${String(index)}]`, item));
  return value as string[];
}

/**
 * The secrets, if they are a non-empty list of non-empty strings or byte arrays. A lone
 * string is the likeliest mistake (`secrets: process.env.SECRET_KEY`): the message says how
 * to write it, without repeating the secret.
 */
export function secretList(value: unknown): readonly (string | Uint8Array)[] {
  if (typeof value === 'string' || value instanceof Uint8Array) {
    throw new TypeError(
      'Session option secrets must be a list, current secret first (got a single secret: ' +
        'write secrets: [secret], adding older secrets after it while rotating)',
    );
  }
  if (!Array.isArray(value)) fail('secrets', 'a list of strings or Uint8Arrays', value);
  const secrets = value as unknown[];
  if (secrets.length === 0) throw new TypeError('At least one session secret is required');
  secrets.forEach((secret, index) => {
    if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) {
      throw new TypeError(
        `Session option secrets[${String(index)}] must be a string or Uint8Array (got ${typeof secret})`,
      );
    }
    if (secret.length === 0) throw new TypeError(`Session secret #${String(index)} is empty`);
  });
  return secrets as (string | Uint8Array)[];
}

/**
 * Refuses keys that are not options (`maxage`, `idle_timeout`): a misspelt option would
 * otherwise be ignored in silence and its default used, say a 30-day idle timeout.
 */
export function knownKeys(options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase().replace(/[_-]/g, ''));
    const hint =
      near === undefined ? `; the options are ${known.join(', ')}` : ` (did you mean ${near}?)`;
    throw new TypeError(`Unknown session option ${key}${hint}`);
  }
}
