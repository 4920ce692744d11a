export { buildApp, BODY_LIMIT, type AppOptions } from './app.js';
