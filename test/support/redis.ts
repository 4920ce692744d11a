/** The Redis helpers live with the session package's Redis store test; Canvass's tests share them. */
export * from '../../packages/session/test/support/redis.js';
