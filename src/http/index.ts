export { buildApp, BODY_LIMIT, type AppOptions } from './app.js';
/** The session key of the CSRF token: a session manager may keep it in the cookie (`cookieKeys`). */
export { CSRF_SESSION_KEY } from './csrf.js';
/** The schemas of Canvass's own session keys, for the session manager's `keys` option. */
export { SESSION_KEYS } from './session-keys.js';
export type { HealthChecks } from './routes/system.js';
export type { ReloadReport, SurveyCatalogue } from './catalogue.js';
