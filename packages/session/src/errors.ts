/**
 * The errors of the session layer. Everything a client can cause (a bad, expired or
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
  /**
   * The HTTP status to answer with: 431 (RFC 6585 §5), as for a `Cookie` header too large to
   * read. What grew past the limit is the browser's own session, so the fix is the client's
   * (clear the site's cookies), and it must never look like a server fault (a 500; issue 18).
   */
  readonly statusCode = 431;

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

/**
 * The server-side session store (Redis) did not answer. The request cannot know its session,
 * so it must not go on as if it had none: the HTTP layer answers 503, and because nothing was
 * read or written, nothing is lost once the store is back.
 */
export class SessionStoreUnavailable extends Error {
  /** Stable code for the application's error table. */
  readonly code = 'SESSION_STORE_UNAVAILABLE';
  /** The HTTP status to answer with. */
  readonly statusCode = 503;

  constructor(
    /** What was being done: loading the session or saving it. */
    readonly operation: 'read' | 'write',
    options?: { cause?: unknown },
  ) {
    super(`The session store is unavailable (${operation})`, options);
    this.name = 'SessionStoreUnavailable';
  }
}

/**
 * A session was changed after its `Set-Cookie` was computed (e.g. in a callback that ran
 * after the reply was sent). The change could never reach the browser or the store. It is
 * not thrown (a throw in a timer kills the process; issue 19): the write is ignored and a
 * `late-write` event carries this error's message and stack, so it is not lost silently as
 * express-session's late writes are.
 */
export class SessionAlreadyCommitted extends Error {
  /** Stable code for the application's error table. */
  readonly code = 'SESSION_ALREADY_COMMITTED';

  constructor() {
    super('The session was changed after the response head was prepared; the change is lost');
    this.name = 'SessionAlreadyCommitted';
  }
}

/**
 * In development, a `set` (or `delete`) that would leave the session failing its schema. In
 * production the value would be signed, and the next request, checking the schema on load,
 * would discard the whole session (a login with it): throwing where the write is made shows
 * the bug at its cause. The session is left unchanged.
 */
export class InvalidSessionWrite extends TypeError {
  /** Stable code for the application's error table. */
  readonly code = 'SESSION_WRITE_INVALID';

  constructor(
    /** The key written. */
    readonly key: string,
    /** What the schema says about it. */
    readonly detail: string,
  ) {
    super(
      `The session schema refuses this value for ${JSON.stringify(key)}: ${detail} ` +
        '(signed as is, it would make the next request discard the whole session)',
    );
    this.name = 'InvalidSessionWrite';
  }
}
