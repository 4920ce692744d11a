/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD` (issue 17 item 1): results of the responses *started* on
 * those days, both ends included, days in UTC (docs/decisions/0021-explore.md). Start, not
 * completion, because every response has one: the range narrows the drop-off and the
 * unfinished responses too, and `?completed=1` narrows further. Stored times are ISO-8601 UTC
 * text (or a bare UTC date, `timestamps: day`), so a day's bound is its date text, which sorts
 * before every time of that day: `from <= started_at < the day after to`.
 */

/** The range as stored text: `from` included, `before` (the day after `to`) excluded. */
export interface StartedDays {
  readonly from?: string;
  readonly before?: string;
}

export type PeriodParse =
  | { readonly ok: true; readonly range: StartedDays }
  | { readonly ok: false; readonly message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day `text` names, in ms, or undefined when it is not a real YYYY-MM-DD date. */
function dayOf(text: string): number | undefined {
  const match = DAY.exec(text);
  if (match === null) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-30 over to March: a date that does not come back is not real.
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : undefined;
}

/** `from` and `to` as a request gives them (absent: open on that side), checked. */
export function parsePeriod(from: string | undefined, to: string | undefined): PeriodParse {
  const start = from === undefined ? undefined : dayOf(from);
  if (from !== undefined && start === undefined) {
    return {
      ok: false,
      message: `from "${from}" must be a date written YYYY-MM-DD, e.g. 2026-03-01`,
    };
  }
  const end = to === undefined ? undefined : dayOf(to);
  if (to !== undefined && end === undefined) {
    return { ok: false, message: `to "${to}" must be a date written YYYY-MM-DD, e.g. 2026-03-31` };
  }
  if (start !== undefined && end !== undefined && end < start) {
    return { ok: false, message: `to (${to ?? ''}) is before from (${from ?? ''})` };
  }
  return {
    ok: true,
    range: {
      ...(from === undefined ? {} : { from }),
      ...(end === undefined
        ? {}
        : { before: new Date(end + 86_400_000).toISOString().slice(0, 10) }),
    },
  };
}
