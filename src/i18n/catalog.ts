import type { en } from './catalogs/en.js';

/** The name of one of Canvass's own messages; English is the source every catalog follows. */
export type MessageKey = keyof typeof en;

/** One language's messages: every key of the English catalog, as ICU message text. */
export type Catalog = { readonly [K in MessageKey]: string };
