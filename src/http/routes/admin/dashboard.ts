import type { FastifyInstance } from 'fastify';
import { formatSurveyFileError } from '../../../domain/index.js';
import { dashboardPage, type SurveyOverview } from '../../../views/index.js';
import type { AppContext } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendPage } from '../../render.js';

/** How many audit-log entries the dashboard shows. */
export const AUDIT_ENTRIES_SHOWN = 20;

/**
 * `GET /admin`: each survey ({@link surveyOverviews}), then any problem the last reload found
 * with the survey files, then the latest owner actions (the audit log, issue 17 items 2, 5).
 */
export function dashboardRoutes(app: FastifyInstance, context: AppContext): void {
  const { catalogue, storage } = context;
  app.get('/admin', async (request, reply) => {
    const rows = await surveyOverviews(context);
    const problems = catalogue.problems().map(formatSurveyFileError);
    const audit = await storage.listAudit(AUDIT_ENTRIES_SHOWN);
    return sendPage(request, reply, dashboardPage(rows, csrfToken(request), problems, audit));
  });
}

/**
 * Every survey served, with its started and completed counts from one GROUP BY, then every
 * archived one (stored versions, no file: issue 16): the dashboard's rows, and the read API's
 * survey list (routes/api).
 */
export async function surveyOverviews({
  surveys,
  catalogue,
  storage,
}: AppContext): Promise<SurveyOverview[]> {
  const counts = await storage.surveyCounts();
  const bySlug = new Map(counts.map((c) => [c.survey, c]));
  const rows: SurveyOverview[] = [...surveys.values()].map((s) => ({
    slug: s.slug,
    title: s.title,
    started: bySlug.get(s.slug)?.started ?? 0,
    completed: bySlug.get(s.slug)?.completed ?? 0,
    state: s.listed ? 'live' : 'unlisted',
  }));
  for (const c of counts) {
    if (surveys.has(c.survey)) continue;
    const survey = await catalogue.archived(c.survey);
    if (survey === undefined) continue;
    rows.push({
      slug: c.survey,
      title: survey.title,
      started: c.started,
      completed: c.completed,
      state: 'archived',
    });
  }
  return rows;
}
