import { z } from 'zod';
import {
  hiddenGroups,
  MAX_HIDDEN_GROUPS,
  parseBy,
  parsePeriod,
  type ByGroups,
  parseFilters,
  slugSchema,
  versionsToAddUp,
  type Survey,
  type VersionedSurvey,
} from '../../../domain/index.js';
import type { VersionSummary } from '../../../storage/index.js';
import type { AppContext } from '../../context.js';
import { responseScope, type ResultsScope } from './figures.js';

/**
 * `?version=N` (a version number within the survey), `?page=N` (a page of questions) and
 * `?comments=N` (a page of comments); all optional.
 */
export const resultsQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().positive().max(1_000_000).default(1),
  comments: z.coerce.number().int().positive().max(1_000_000).default(1),
});

export interface SelectedVersion {
  /** The survey as that version defines it. */
  readonly survey: Survey;
  readonly summary: VersionSummary;
  /** Every version of the survey, newest first. */
  readonly all: readonly VersionSummary[];
  readonly currentNumber: number | undefined;
  /** True when the survey's file is gone: stored versions only (issue 16). */
  readonly archived: boolean;
}

/**
 * The version an admin page is about: the one asked for, else the one this server serves now,
 * else (an archived survey: stored versions, no file) its latest. Undefined for an unknown
 * survey or version number (the caller answers 404).
 */
export async function selectVersion(
  { surveys, storage, versions }: AppContext,
  slug: string,
  number: number | undefined,
): Promise<SelectedVersion | undefined> {
  const archived = !surveys.has(slug);
  if (archived && !slugSchema.safeParse(slug).success) return undefined;
  const all = await storage.listVersions(slug);
  const currentNumber = archived ? undefined : versions.current(slug)?.number;
  const summary = all.find((v) => v.number === (number ?? currentNumber ?? all[0]?.number));
  if (summary === undefined) return undefined;
  const version = await versions.find(slug, summary.id);
  if (version === undefined) return undefined;
  return { survey: version.survey, summary, all, currentNumber, archived };
}

/**
 * `?filter=QID:CHOICEID` (repeatable), `?completed=1`, `?from=YYYY-MM-DD&to=YYYY-MM-DD` and
 * `?by=QID`, besides `?version=N`: what the results page and `results.json` count (SURVEYS.md
 * §10, issue 17 item 1).
 */
export const scopeQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  filter: z
    .union([z.string().max(500), z.array(z.string().max(500)).max(20)])
    .optional()
    .transform((f) => (f === undefined ? [] : typeof f === 'string' ? [f] : f))
    // The filter form's "(all responses)" posts an empty filter: it adds none.
    .transform((f) => f.filter((one) => one !== '')),
  completed: z
    .enum(['0', '1'])
    .optional()
    .transform((c) => c === '1'),
  by: z.string().max(300).optional(),
  // Checked by `parsePeriod`, which says what is wrong; only absurd lengths stop here.
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

export type ScopeChoice =
  | { readonly kind: 'ok'; readonly scope: ResultsScope; readonly selected: SelectedVersion }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-filter'; readonly message: string };

/**
 * The scope of a results request: the version asked for (else the current one) as the base,
 * added up with every version that shares a question with it unless one was asked for
 * (`versionsToAddUp`), the filters checked against the base's questions.
 */
export async function selectScope(
  context: AppContext,
  slug: string,
  query: z.output<typeof scopeQuerySchema>,
): Promise<ScopeChoice> {
  const selected = await selectVersion(context, slug, query.version);
  if (selected === undefined) return { kind: 'not-found' };
  const base = {
    id: selected.summary.id,
    number: selected.summary.number,
    survey: selected.survey,
  };
  const versions =
    query.version === undefined
      ? versionsToAddUp(base, await loadVersions(context, slug, selected.all))
      : [base];
  const parsed = parseFilters(query.filter, base.survey, versions);
  if (!parsed.ok) return { kind: 'bad-filter', message: parsed.message };
  const period = parsePeriod(query.from, query.to);
  if (!period.ok) return { kind: 'bad-filter', message: period.message };
  const started = period.range.from === undefined && period.range.before === undefined;
  return {
    kind: 'ok',
    scope: {
      base,
      versions,
      completed: query.completed,
      filters: parsed.filters,
      ...(started ? {} : { started: period.range }),
    },
    selected,
  };
}

/**
 * `?by=…` of a request in `scope`: its groups, or a message saying why it cannot be (a hidden
 * field's groups are the values stored for it in scope, the most given first).
 */
export async function selectBy(
  context: AppContext,
  scope: ResultsScope,
  raw: string,
): Promise<{ ok: true; by: ByGroups } | { ok: false; message: string }> {
  const parsed = parseBy(raw, scope.base.survey, scope.versions);
  if (!parsed.ok) return parsed;
  if (parsed.kind === 'question') return { ok: true, by: parsed.by };
  const values = await context.storage.hiddenValues(
    responseScope(scope),
    parsed.name,
    MAX_HIDDEN_GROUPS,
  );
  return { ok: true, by: hiddenGroups(parsed.id, parsed.name, values) };
}

/** Every version of the survey with its definition (one that does not parse is left out). */
async function loadVersions(
  { versions }: AppContext,
  slug: string,
  all: readonly VersionSummary[],
): Promise<VersionedSurvey[]> {
  const found = await Promise.all(all.map((v) => versions.find(slug, v.id)));
  return found.flatMap((v) =>
    v === undefined ? [] : [{ id: v.id, number: v.number, survey: v.survey }],
  );
}
