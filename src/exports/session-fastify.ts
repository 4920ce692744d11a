/**
 * `canvass/session/fastify`: kept for code written before the session library became its own
 * package. It is `@canvass/session/fastify`, re-exported whole.
 */
export * from '@canvass/session/fastify';
