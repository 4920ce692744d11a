/**
 * HTTP dates as Werkzeug writes and reads them. Writing is `http_date` (RFC 7231 IMF-fixdate,
 * seconds truncated); reading mirrors `email.utils._parsedate_tz`, which Werkzeug's
 * `parse_date` uses for Flask's `" d"` tag, so Canvass accepts the same loose forms.
 */

const DAY_NAMES = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const LONG_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august'];
const MONTH_NAMES = [...MONTHS, ...LONG_MONTHS, 'september', 'october', 'november', 'december'];
/** `email._parseaddr._timezones`, as ±HHMM. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  AST: -400,
  ADT: -300,
  EST: -500,
  EDT: -400,
  CST: -600,
  CDT: -500,
  MST: -700,
  MDT: -600,
  PST: -800,
  PDT: -700,
};
/** Python `datetime` covers years 1–9999 only. */
const MIN_MS = new Date('0001-01-01T00:00:00Z').getTime();
const MAX_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

/**
 * Formats like Werkzeug's `http_date`: `Thu, 29 Feb 2024 13:45:30 GMT`. JavaScript's
 * `toUTCString` is the same format for every year Python allows; milliseconds are dropped.
 * Throws a `TypeError` for an invalid date or a year outside 1–9999 (Python cannot hold it).
 */
export function formatHttpDate(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= MIN_MS && ms <= MAX_MS)) {
    throw new TypeError(`Date out of Python's datetime range: ${String(date)}`);
  }
  return date.toUTCString();
}

/** Python `int()` on an ASCII token (signs and digit-group underscores allowed). */
function pyInt(text: string): number | undefined {
  return /^[+-]?\d+(?:_\d+)*$/.test(text) ? Number(text.replace(/_/g, '')) : undefined;
}

/** Splits `[dd, mm, yy, tm, tz]` out of the words, or `undefined` (`_parsedate_tz`). */
function fields(text: string): string[] | undefined {
  let data = text.trim().split(/\s+/);
  const first = data[0] ?? '';
  if (first === '') return undefined;
  if (first.endsWith(',') || DAY_NAMES.has(first.toLowerCase())) data.shift();
  else data[0] = first.slice(first.lastIndexOf(',') + 1);
  if (data.length === 3) {
    const stuff = (data[0] ?? '').split('-');
    if (stuff.length === 3) data = [...stuff, ...data.slice(1)];
  }
  if (data.length === 4) {
    const s = data[3] ?? '';
    let i = s.indexOf('+');
    if (i === -1) i = s.indexOf('-');
    if (i > 0) data.splice(3, 1, s.slice(0, i), s.slice(i));
    else data.push('');
  }
  return data.length < 5 ? undefined : data.slice(0, 5);
}

/**
 * Parses an HTTP/email date like Werkzeug's `parse_date`: a zone-less date is taken as UTC,
 * and anything unparsable (or out of range) gives `undefined`, which Flask stores as `None`.
 */
export function parseHttpDate(text: string): Date | undefined {
  const data = fields(text);
  if (data === undefined) return undefined;
  const mm = data[1] ?? '';
  let [dd = '', , yy = '', tm = '', tz = ''] = data;
  if (!dd || !mm || !yy) return undefined;
  let month = MONTH_NAMES.indexOf(mm.toLowerCase());
  if (month < 0) {
    [dd, month] = [mm, MONTH_NAMES.indexOf(dd.toLowerCase())];
    if (month < 0) return undefined;
  }
  month = month % 12;
  if (dd.endsWith(',')) dd = dd.slice(0, -1);
  if (yy.indexOf(':') > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(',')) {
    yy = yy.slice(0, -1);
    if (!yy) return undefined;
  }
  if (!/^\d/.test(yy)) [yy, tz] = [tz, yy];
  if (tm.endsWith(',')) tm = tm.slice(0, -1);
  let time = tm.split(':');
  if (time.length === 1 && tm.includes('.')) time = tm.split('.');
  if (time.length !== 2 && time.length !== 3) return undefined;
  const numbers = [yy, dd, time[0] ?? '', time[1] ?? '', time[2] ?? '0'].map(pyInt);
  const [year, day, hour, minute, second] = numbers;
  if (year === undefined || day === undefined || hour === undefined) return undefined;
  if (minute === undefined || second === undefined) return undefined;
  // Two-digit years follow POSIX: 69–99 → 19xx, 0–68 → 20xx.
  const fullYear = year < 100 ? year + (year > 68 ? 1900 : 2000) : year;
  return build([fullYear, month, day, hour, minute, second], zoneOffset(tz));
}

/** Offset in seconds east of UTC; `0` for unknown zones (Werkzeug then assumes UTC). */
function zoneOffset(tz: string): number | undefined {
  const upper = tz.toUpperCase();
  const hhmm = ZONES[upper] ?? pyInt(upper) ?? 0;
  const sign = hhmm < 0 ? -1 : 1;
  const abs = Math.abs(hhmm);
  const seconds = sign * (Math.floor(abs / 100) * 3600 + (abs % 100) * 60);
  // datetime.timezone() rejects offsets of a day or more: parse_date then returns None.
  return Math.abs(seconds) < 86_400 ? seconds : undefined;
}

/** Builds the instant like Python's `datetime(...)`, which rejects out-of-range fields. */
function build(parts: readonly number[], offset: number | undefined): Date | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  if (offset === undefined || year < 1 || year > 9999) return undefined;
  const daysInMonth = new Date(Date.UTC(2000, month + 1, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 1 ? (leap ? 29 : 28) : daysInMonth;
  if (day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 59) return undefined;
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, 0);
  return new Date(date.getTime() - offset * 1000);
}
