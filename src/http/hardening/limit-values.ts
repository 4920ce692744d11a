// The numbers alone, with no imports: the CLI's config schema reads the default without
// loading the HTTP layer (`canvass check` and `export` load config.ts too).

/** Request bodies over this many bytes get 413 before anything else looks at them. */
export const BODY_LIMIT = 64 * 1024;

/**
 * The `RATE_LIMIT` default: new responses (`begin`) per client address per minute. A class of
 * 150 behind one school address, all opening the survey in the same minute and each restarting
 * once, stays under it; one script creating responses (78,000 a minute measured, issue 18)
 * gets 300.
 */
export const DEFAULT_RATE_LIMIT = 300;

/** `begin`s per browser session per minute: a person restarts now and then, a script loops. */
export const BEGINS_PER_SESSION = 10;

/**
 * Resume-link lookups per client address per minute (SURVEYS.md §7): a token is 256 random
 * bits, so guessing is hopeless anyway; the limit stops a client hammering the database with
 * lookups. A class behind one address switching devices in the same minute stays far under it.
 */
export const RESUME_LOOKUPS_PER_MINUTE = 60;

/**
 * Public results pages per client address per minute (issue 17 item 6), counted as resume
 * lookups are, before the token is looked up: guessing a 256-bit token is hopeless, the limit
 * stops a client hammering the database. Twice the resume figure, since a reader's every filter,
 * page and version is a lookup, and a room of readers may share one address.
 */
export const PUBLIC_RESULTS_PER_MINUTE = 120;

/**
 * Read API requests (issue 17 item 5) per client address per minute, counted before the token
 * is looked up. Paging 100,000 responses 1,000 at a time is 100 requests; several integrations
 * behind one address fit, a client hammering the database with lookups or pages does not.
 */
export const API_REQUESTS_PER_MINUTE = 600;

/** Resume links a browser session may make per minute: each is a stored row. */
export const RESUME_LINKS_PER_SESSION = 10;

/** Failed admin logins per client address, and in all, per {@link LOGIN_WINDOW_MS}. */
export const LOGIN_ATTEMPTS = 10;
export const LOGIN_FAILURES_IN_ALL = 100;
export const LOGIN_WINDOW_MS = 15 * 60_000;
