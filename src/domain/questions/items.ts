/**
 * Choices, grid rows and grid columns (SURVEYS.md §2): each a string (the text is also the id,
 * as in format 1) or `{ id, text }`. After validation every item is `{ id, text, … }`, so no
 * code downstream asks which spelling the file used.
 */
import { z } from 'zod';
import { canonicalRules } from './canonical-meta.js';
import { nonBlank, strict } from './common.js';

const choiceText = nonBlank('a choice', 500);
const rowText = nonBlank('a row', 500);
const columnText = nonBlank('a column', 500);

/**
 * The shorter spelling for the canonical form: the bare text when the id is the text and no
 * other key is set, else the object without an `id` that repeats the text.
 */
function writeItem(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const { id, text, ...rest } = value as Record<string, unknown>;
  const extras = Object.entries(rest).filter(([, v]) => v !== undefined && v !== false);
  if (id === text && extras.length === 0) return text;
  return { ...(id === text ? {} : { id }), text, ...Object.fromEntries(extras) };
}

/** Either spelling becomes `{ id, text, … }`; the id defaults to the text (format 1's meaning). */
function fromText<T extends { readonly id?: string | undefined; readonly text: string }>(
  v: string | T,
): Omit<T, 'id'> & { id: string } {
  return typeof v === 'string'
    ? ({ id: v, text: v } as Omit<T, 'id'> & { id: string })
    : { ...v, id: v.id ?? v.text };
}

const SPELLINGS = { error: 'each entry must be text or { id, text }' };
const withWrite = <S extends z.ZodType>(schema: S): S => {
  canonicalRules.add(schema, { rule: 'write', write: writeItem });
  return schema;
};

export const choiceItem = withWrite(
  z
    .union([choiceText, strict({ id: choiceText.optional(), text: choiceText })], SPELLINGS)
    .transform(fromText),
);
/** A grid row. */
export const rowItem = withWrite(
  z
    .union([rowText, strict({ id: rowText.optional(), text: rowText })], SPELLINGS)
    .transform(fromText),
);
/** A `multi` choice: `exclusive: true` ("None of these") is valid only alone. */
export const multiItem = withWrite(
  z
    .union(
      [
        choiceText,
        strict({
          id: choiceText.optional(),
          text: choiceText,
          exclusive: z.boolean({ error: 'exclusive must be true or false' }).optional(),
        }),
      ],
      SPELLINGS,
    )
    .transform(fromText),
);
/** A grid column, with the optional `value` that gives rows a mean. */
export const columnItem = withWrite(
  z
    .union(
      [
        columnText,
        strict({
          id: columnText.optional(),
          text: columnText,
          value: z.number({ error: 'a column value must be a number' }).optional(),
        }),
      ],
      SPELLINGS,
    )
    .transform(fromText),
);

export interface Item {
  readonly id: string;
  readonly text: string;
}

/**
 * The first id, or else the first text, that appears twice: ids because answers are stored by
 * id, texts because people (and CSV headers `TEXT [CHOICE]`) tell choices apart by text.
 */
function firstRepeat(items: readonly Item[]): string | undefined {
  for (const key of ['id', 'text'] as const) {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item[key])) return item[key];
      seen.add(item[key]);
    }
  }
  return undefined;
}

/** A list of items, `min`–`max` long, whose ids and texts are all different. */
export function itemList<T extends Item>(
  schema: z.ZodType<T>,
  what: string,
  min: number,
  max: number,
) {
  return z
    .array(schema, { error: `${what} must be a list` })
    .min(min, { error: `${what} must have at least ${min} ${min === 1 ? 'entry' : 'entries'}` })
    .max(max, { error: `${what} must have at most ${max} entries` })
    .superRefine((items, ctx) => {
      const repeat = firstRepeat(items);
      if (repeat !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${what} must be different: "${repeat}" appears twice`,
        });
      }
    });
}

/** `other: true` or `other: LABEL`: a last option with a "please specify" box. */
export const otherKey = z
  .union([z.boolean(), nonBlank('other label', 200)], {
    error: 'other must be true, false or a label',
  })
  .default(false);

/** The Other option's label as shown (English until the language catalogs of §5 land). */
export function otherLabel(other: boolean | string): string {
  return typeof other === 'string' ? other : 'Other';
}

/** The most characters of an Other text (the spec is silent; a short phrase, like a choice). */
export const MAX_OTHER_LENGTH = 500;

/**
 * The input value of the Other option: distinct from every choice id (§2), and the same for
 * a given list of choices, so a form posted before a reload still means the same.
 */
export function otherValue(items: readonly Item[]): string {
  let value = '_other';
  while (items.some((i) => i.id === value)) value += '_';
  return value;
}
