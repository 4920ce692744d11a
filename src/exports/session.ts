/**
 * `canvass/session`: kept for code written before the session library became its own package.
 * It is `@canvass/session`, re-exported whole; new code should depend on that package.
 */
export * from '@canvass/session';
