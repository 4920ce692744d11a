/**
 * English messages formatted without ICU's locale data. `new IntlMessageFormat(…)` resolves its
 * locale through `Intl` (`supportedLocalesOf`, `Intl.Locale`) and formats through `Intl`
 * objects, and the first use of ICU's locale data pages about 7 MB into the process for good
 * (docs/performance.md, "Memory"): a server whose surveys are all English paid it for
 * "(optional, up to 2,000 characters)". English messages are formatted by intl-messageformat's
 * own `formatToParts` instead, given formatters that write whole numbers as `Intl` writes them
 * in English (`formatCount`) and pick plurals by CLDR's English cardinal rule; anything else (a
 * fraction, another number option, an ordinal, a date) still goes to `Intl`.
 */
import {
  formatToParts,
  IntlMessageFormat,
  type Formatters,
  type PrimitiveType,
} from 'intl-messageformat';
import { formatCount } from '../domain/numbers.js';

/** What `getNumberFormat` and `getPluralRules` are asked for (intl-messageformat's options). */
type NumberOptions = Parameters<Formatters['getNumberFormat']>[1];
type PluralOptions = Intl.PluralRulesOptions | undefined;

/**
 * `n` as `Intl.NumberFormat('en', options)` writes it, when `n` is a whole number and `options`
 * leave whole numbers as they are (a fraction-digit limit) or only turn grouping off; else
 * undefined.
 */
function wholeNumber(n: unknown, options: NumberOptions): string | undefined {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || Object.is(n, -0)) return undefined;
  const names = Object.keys(options ?? {});
  if (names.every((name) => name === 'maximumFractionDigits')) return formatCount(n);
  if (names.length === 1 && options?.useGrouping === false) return String(n);
  return undefined;
}

/** `make` of an options object, made once per distinct options (a format is costly to make). */
function madeOnce<O, T>(make: (options: O) => T): (options: O) => T {
  const made = new Map<string, T>();
  return (options) => {
    const id = JSON.stringify(options ?? {});
    let value = made.get(id);
    if (value === undefined) {
      value = make(options);
      made.set(id, value);
    }
    return value;
  };
}

const intlNumber = madeOnce((options: NumberOptions) => new Intl.NumberFormat('en', options));
const intlPlural = madeOnce((options: PluralOptions) => new Intl.PluralRules('en', options));

// `formatToParts` calls only `format` on a number format and `select` on plural rules: those
// are what these objects have, hence the casts.
const FORMATTERS: Formatters = {
  getNumberFormat: (_locales, options) =>
    ({
      format: (n: number) => wholeNumber(n, options) ?? intlNumber(options).format(n),
    }) as Intl.NumberFormat,
  getPluralRules: (_locales, options) =>
    ({
      // CLDR's English cardinal rule: `one` for i = 1 and v = 0, which for a whole number is ±1.
      select: (n: number) =>
        options?.type !== 'ordinal' && Number.isInteger(n)
          ? Math.abs(n) === 1
            ? 'one'
            : 'other'
          : intlPlural(options).select(n),
    }) as Intl.PluralRules,
  getDateTimeFormat: (...args) => new Intl.DateTimeFormat(...args),
};

/** A formatted message: its values in, its text out. */
export type Format = (
  values?: Record<string, PrimitiveType | ((chunks: string[]) => string)>,
) => string;

/** The English message `message` (ICU syntax), parsed once, formatted without ICU's data. */
export function englishFormat(message: string): Format {
  const parse = IntlMessageFormat.__parse;
  if (parse === undefined) throw new Error('intl-messageformat was loaded without its parser');
  const ast = parse(message);
  return (values) =>
    formatToParts<string>(
      ast,
      'en',
      FORMATTERS,
      IntlMessageFormat.formats,
      values,
      undefined,
      message,
    )
      .map((part) => part.value)
      .join('');
}
