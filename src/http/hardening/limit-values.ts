// The numbers alone, with no imports: the CLI's config schema reads the default without
// loading the HTTP layer (`canvass check` and `export` load config.ts too).

/**
 * The `RATE_LIMIT` default: new responses (`begin`) per client address per minute. A class of
 * 150 behind one school address, all opening the survey in the same minute and each restarting
 * once, stays under it; one script creating responses (78,000 a minute measured, issue 18)
 * gets 300.
 */
export const DEFAULT_RATE_LIMIT = 300;

/** `begin`s per browser session per minute: a person restarts now and then, a script loops. */
export const BEGINS_PER_SESSION = 10;

/** Failed admin logins per client address, and in all, per {@link LOGIN_WINDOW_MS}. */
export const LOGIN_ATTEMPTS = 10;
export const LOGIN_FAILURES_IN_ALL = 100;
export const LOGIN_WINDOW_MS = 15 * 60_000;
