/**
 * The schemas of Canvass's own session keys, given to the session manager (`keys`): a value
 * that fails its schema is dropped alone when the cookie is read (the admin login survives a
 * bad progress entry and the other way round), and a write of one is refused where it is made
 * (issue 19). One source of truth: the modules that read and write each key take its schema
 * and type from here.
 */
import { Markup } from '@canvass/session';
import { z } from 'zod';
import type { SessionKeySchemas } from '@canvass/session';

const id = z.number().int().positive();

/**
 * One survey's progress: `[responseId, answered, versionId]`; entries written before versions
 * existed have two numbers and are still read (progress.ts).
 */
export const progressEntrySchema = z.union([
  z.tuple([id, z.number().int().nonnegative(), id]),
  z.tuple([id, z.number().int().nonnegative()]),
]);

/** The admin login marker `{ id, at, seen }` (routes/admin/admin-session.ts). */
export const adminMarkerSchema = z.object({
  id: z.string().min(16).max(64),
  at: z.number().int(),
  seen: z.number().int(),
});

/**
 * The CSRF token: Canvass mints 24 random bytes in base64url (csrf.ts), but any signed string
 * is a token (a Flask app sharing the cookie may mint its own); only its kind is checked.
 */
const csrfSchema = z.string().min(1).max(256);

/**
 * Flask's flash list of `(category, message)` pairs; a Flask app sharing the cookie may flash
 * `Markup`, which the session layer reads as such.
 */
const flashesSchema = z.array(z.tuple([z.string(), z.union([z.string(), z.instanceof(Markup)])]));

/** Canvass's session keys and their schemas. */
export const SESSION_KEYS = {
  progress: z.record(z.string(), progressEntrySchema),
  csrf: csrfSchema,
  admin: adminMarkerSchema,
  _flashes: flashesSchema,
} as const satisfies SessionKeySchemas<Record<string, unknown>>;
