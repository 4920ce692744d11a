/**
 * The languages a survey may list (SURVEYS.md §5): BCP 47 primary language subtags for which
 * Canvass has a built-in catalog of its own texts, so every page a respondent sees is wholly in
 * the language chosen. Which are written right to left decides `dir="rtl"`.
 */
export const BUILT_IN_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'ar'] as const;

export type BuiltInLanguage = (typeof BUILT_IN_LANGUAGES)[number];

/** Every survey without `languages` is in English, as it always was. */
export const DEFAULT_LANGUAGE: BuiltInLanguage = 'en';

/** Right-to-left scripts' primary subtags (Arabic, Hebrew, Persian, Urdu and kin). */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb', 'ug']);

export function isBuiltInLanguage(code: unknown): code is BuiltInLanguage {
  return typeof code === 'string' && (BUILT_IN_LANGUAGES as readonly string[]).includes(code);
}

/** `rtl` for a right-to-left language, `ltr` otherwise (the value of `<html dir>`). */
export function textDirection(code: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(code) ? 'rtl' : 'ltr';
}
