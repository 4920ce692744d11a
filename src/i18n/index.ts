/**
 * Canvass's own respondent-facing texts (SURVEYS.md §5) in each built-in language, as ICU
 * messages formatted by intl-messageformat: plurals by the language's CLDR rules, numbers and
 * dates by `Intl` in that locale. Admin pages and the CLI stay English (docs/decisions/0017).
 * English is formatted without ICU's locale data for whole numbers (./english.ts).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { BuiltInLanguage } from '../domain/languages.js';
import type { Catalog, MessageKey } from './catalog.js';
import { ar } from './catalogs/ar.js';
import { de } from './catalogs/de.js';
import { en } from './catalogs/en.js';
import { es } from './catalogs/es.js';
import { fr } from './catalogs/fr.js';
import { pt } from './catalogs/pt.js';
import { englishFormat, type Format } from './english.js';

export type { Catalog, MessageKey } from './catalog.js';

/** Every catalog by language: a built-in language without one does not compile. */
export const catalogs: { readonly [L in BuiltInLanguage]: Catalog } = { en, fr, de, es, pt, ar };

export type MessageValues = Record<string, string | number | Date>;

/** One language's messages, formatted. */
export interface Messages {
  readonly lang: BuiltInLanguage;
  /** The message `key` with `values` filled in, as plain text (escape it like any text). */
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * The message `key` cut at its one `<b>…</b>` tag: the text before, inside and after, so a
   * view can put the middle in its own markup and escape all three.
   */
  parts(key: MessageKey, values?: MessageValues): readonly [string, string, string];
  /** A moment (ISO 8601 with offset) as a date and time in this language. */
  moment(iso: string): string;
}

const compiled = new Map<string, Format>();

function intlFormat(message: string, lang: BuiltInLanguage): Format {
  const format = new IntlMessageFormat(message, lang);
  return (values) => {
    const text = format.format<string>(values);
    return Array.isArray(text) ? text.join('') : text;
  };
}

function formatter(lang: BuiltInLanguage, key: MessageKey): Format {
  const id = `${lang}\u0000${key}`;
  let format = compiled.get(id);
  if (format === undefined) {
    const message = catalogs[lang][key];
    format = lang === 'en' ? englishFormat(message) : intlFormat(message, lang);
    compiled.set(id, format);
  }
  return format;
}

const MARK = '\u0001';

function messagesFor(lang: BuiltInLanguage): Messages {
  return {
    lang,
    t: (key, values) => formatter(lang, key)(values),
    parts(key, values) {
      const text = formatter(
        lang,
        key,
      )({
        ...values,
        b: (chunks: string[]) => `${MARK}${chunks.join('')}${MARK}`,
      });
      const [before = '', inside = '', after = ''] = text.split(MARK);
      return [before, inside, after];
    },
    moment: (iso) => momentIn(lang, iso),
  };
}

const all = new Map<BuiltInLanguage, Messages>();

/** The messages of `lang`, made once. */
export function messages(lang: BuiltInLanguage): Messages {
  let found = all.get(lang);
  if (found === undefined) {
    found = messagesFor(lang);
    all.set(lang, found);
  }
  return found;
}

/**
 * English keeps the seed's `2030-03-01 at 09:00 (UTC+01:00)` (the owner's offset, as today);
 * other languages get `Intl`'s long date and short time in UTC, said as such, because Node 20's
 * `Intl` takes no fixed offset as a time zone.
 */
function momentIn(lang: BuiltInLanguage, iso: string): string {
  const parts = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(
    iso,
  );
  if (parts === null) return iso;
  if (lang === 'en') {
    const [, day, time, offset] = parts as unknown as [string, string, string, string];
    return `${day} at ${time} (UTC${offset === 'Z' ? '' : offset})`;
  }
  const when = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return `${when} (UTC)`;
}
