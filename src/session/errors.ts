/**
 * The two errors the session layer throws. Everything a client can cause (a bad, expired or
 * foreign cookie) is a value instead; these are a programming error and a hard limit.
 */

/**
 * A strict read (`session.require(key)`) of a key that is not in the session: the seed's
 * `session['key']` raising `KeyError`. Reach for `get()` when absence is a normal case.
 */
export class MissingSessionKey extends Error {
  /** Stable code for the application's error table. */
  readonly code = 'SESSION_KEY_MISSING';

  constructor(
    /** The key that was asked for. */
    readonly key: string,
  ) {
    super(`The session has no key ${JSON.stringify(key)}`);
    this.name = 'MissingSessionKey';
  }
}

/**
 * The `Set-Cookie` line would exceed the limit (4093 bytes by default). Browsers silently
 * drop such cookies, which would lose the respondent's progress without a trace, so the
 * session layer refuses to write it (Werkzeug only warns).
 */
export class SessionTooLarge extends Error {
  /** Stable code for the application's error table. */
  readonly code = 'SESSION_TOO_LARGE';

  constructor(
    /** Length of the whole header line (`name=value; attributes`), in bytes. */
    readonly size: number,
    /** The configured limit. */
    readonly limit: number,
  ) {
    super(`The session cookie would be ${size} bytes, over the ${limit}-byte limit`);
    this.name = 'SessionTooLarge';
  }
}
