/**
 * `languages:` and text given per language (SURVEYS.md §5). The model keeps one string per
 * text field, in the first listed language, so every layer reads text as it always has; the
 * other languages' texts sit beside it in one table, keyed by that first-language text, which
 * a page resolves when it renders (`Languages.text`). The canonical form writes each map back
 * where it was, so a stored version parses to the same survey and a change of translation is
 * a new version.
 *
 * A map is recognised only where text goes (TEXT_KEYS, and the items of `choices`, `rows` and
 * `columns`), so an answer value in a condition is never mistaken for one.
 */
import { z } from 'zod';
import { BUILT_IN_LANGUAGES, isBuiltInLanguage, type BuiltInLanguage } from '../languages.js';
import { canonicalRules } from './canonical-meta.js';

/** The keys whose values are text a respondent reads, wherever they appear in the file. */
const TEXT_KEYS = new Set([
  'title',
  'instructions',
  'text',
  'help',
  'label',
  'placeholder',
  'unit',
  'endText',
  'thankYou',
  'closedMessage',
  'low',
  'high',
  'other',
  'allowText',
]);

/** The lists whose entries may be bare text. */
const ITEM_LISTS = new Set(['choices', 'rows', 'columns']);

type Path = readonly (string | number)[];

export interface LanguageProblem {
  readonly path: Path;
  readonly message: string;
}

/** One text in every language, keyed by language code. */
export type TextMap = Readonly<Record<string, string>>;

/** A survey's languages and the translations of its texts. */
export class Languages {
  constructor(
    /** The listed codes, the first being the one the model's texts are in. */
    readonly codes: readonly BuiltInLanguage[],
    /** First-language text → that text in every listed language. */
    readonly translations: ReadonlyMap<string, TextMap>,
    /** What was wrong with the file's languages or maps; the survey schema reports these. */
    readonly problems: readonly LanguageProblem[] = [],
  ) {}

  /** `text` (a model text) in `lang`: its translation, or itself when it has none. */
  text(text: string, lang: string): string {
    return this.translations.get(text)?.[lang] ?? text;
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The listed codes, or the problems with them. */
function readCodes(raw: unknown, problems: LanguageProblem[]): BuiltInLanguage[] | undefined {
  const known = BUILT_IN_LANGUAGES.join(', ');
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({
      path: ['languages'],
      message: `languages must be a list of language codes, e.g. [en, fr] (built in: ${known})`,
    });
    return undefined;
  }
  const codes: BuiltInLanguage[] = [];
  raw.forEach((code: unknown, i) => {
    if (!isBuiltInLanguage(code)) {
      problems.push({
        path: ['languages', i],
        message: `${typeof code === 'string' ? `"${code}"` : 'this'} is not a language Canvass has texts for: use one of ${known}`,
      });
    } else if (codes.includes(code)) {
      problems.push({ path: ['languages', i], message: `"${code}" is listed twice` });
    } else codes.push(code);
  });
  return codes.length === raw.length ? codes : undefined;
}

class Walk {
  readonly problems: LanguageProblem[] = [];
  readonly translations = new Map<string, TextMap>();
  private readonly firstAt = new Map<string, Path>();

  constructor(private readonly codes: readonly BuiltInLanguage[] | undefined) {}

  /** A copy of `value` with every text map replaced by its first-language text. */
  value(value: unknown, path: Path): unknown {
    if (Array.isArray(value)) {
      const items = ITEM_LISTS.has(String(path[path.length - 1]));
      return value.map((v: unknown, i) =>
        items && isMapping(v) && !('text' in v) && !('id' in v)
          ? this.map(v, [...path, i])
          : this.value(v, [...path, i]),
      );
    }
    if (!isMapping(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        TEXT_KEYS.has(key) && isMapping(v)
          ? this.map(v, [...path, key])
          : this.value(v, [...path, key]),
      ]),
    );
  }

  /** A text map's first-language text, every language checked and the rest recorded. */
  private map(map: Record<string, unknown>, path: Path): unknown {
    const codes = this.codes;
    if (codes === undefined) {
      this.problems.push({
        path,
        message:
          'a text given per language needs languages: at the top of the file, e.g. languages: [en, fr]',
      });
      return firstText(map);
    }
    let complete = true;
    for (const code of codes) {
      const text = map[code];
      if (typeof text !== 'string' || !/\S/.test(text)) {
        complete = false;
        this.problems.push({
          path: [...path, code],
          message:
            text === undefined
              ? `the ${code} text is missing: every text given per language needs ${codes.join(', ')}`
              : `the ${code} text must be text that is not blank`,
        });
      }
    }
    for (const key of Object.keys(map)) {
      if (!(codes as readonly string[]).includes(key)) {
        complete = false;
        this.problems.push({
          path: [...path, key],
          message: `"${key}" is not one of the survey's languages (${codes.join(', ')})`,
        });
      }
    }
    if (!complete) return firstText(map);
    const texts = map as Record<string, string>;
    const first = texts[codes[0] as string] as string;
    this.record(first, Object.fromEntries(codes.map((c) => [c, texts[c] as string])), path);
    return first;
  }

  /** One table for the whole file: the same first-language text must mean the same. */
  private record(first: string, texts: TextMap, path: Path): void {
    const known = this.translations.get(first);
    if (known === undefined) {
      this.translations.set(first, texts);
      this.firstAt.set(first, path);
    } else if (Object.entries(texts).some(([code, text]) => known[code] !== text)) {
      const at = (this.firstAt.get(first) ?? []).join('.');
      this.problems.push({
        path,
        message: `"${first}" is translated differently at ${at}: the same text needs the same translations`,
      });
    }
  }
}

/** Some string of a map in error, so the rest of the file is checked without a second message. */
function firstText(map: Record<string, unknown>): string {
  const text = Object.values(map).find((v) => typeof v === 'string' && /\S/.test(v));
  return typeof text === 'string' ? text : '-';
}

/**
 * The file with its text maps resolved to the first language and `languages` as a
 * `Languages` (problems included), or the file unchanged when it has neither.
 */
export function localiseFile(input: unknown): unknown {
  if (!isMapping(input)) return input;
  const problems: LanguageProblem[] = [];
  const codes = 'languages' in input ? readCodes(input.languages, problems) : undefined;
  const walk = new Walk(codes);
  const file = walk.value(input, []) as Record<string, unknown>;
  problems.push(...walk.problems);
  if (codes === undefined && problems.length === 0) return file;
  return { ...file, languages: new Languages(codes ?? [], walk.translations, problems) };
}

/**
 * The canonical form of a file with languages: each translated text written back as its map,
 * at the places `localiseFile` reads maps from.
 */
export function relocalise(value: unknown, languages: Languages | undefined, key = ''): unknown {
  if (languages === undefined) return value;
  const mapOf = (v: unknown) =>
    typeof v === 'string' ? (languages.translations.get(v) ?? v) : relocalise(v, languages);
  if (Array.isArray(value))
    return value.map((v: unknown) => (ITEM_LISTS.has(key) ? mapOf(v) : relocalise(v, languages)));
  if (!isMapping(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      TEXT_KEYS.has(k) ? mapOf(v) : relocalise(v, languages, k),
    ]),
  );
}

/** The file's `languages` once `localiseFile` has read it: written back as the list of codes. */
export const languagesKey = z.custom<Languages>((v) => v instanceof Languages, {
  error: 'languages must be a list of language codes',
});
canonicalRules.add(languagesKey, { rule: 'write', write: (v) => (v as Languages).codes });

/**
 * `value` (a question, a page) with its texts in `lang`: resolved when a page renders, from
 * the one parsed survey. Ids are left as they are, so answers are stored as ids whatever the
 * language (§5). Without languages, or in the first language, `value` itself.
 */
export function inLanguage<T>(value: T, languages: Languages | undefined, lang: string): T {
  if (languages === undefined || lang === languages.codes[0]) return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isMapping(v)) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, inner]) => [
        k,
        TEXT_KEYS.has(k) && typeof inner === 'string' ? languages.text(inner, lang) : walk(inner),
      ]),
    );
  };
  return walk(value) as T;
}
