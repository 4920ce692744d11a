/**
 * The language a respondent sees a survey in (SURVEYS.md §5, docs/decisions/0017), in order:
 * `?lang=CODE` on any respondent page (or the start page form's `lang`, carried through
 * `begin`), which then sticks to that survey's entry in the session; else the session's entry;
 * else `Accept-Language` negotiated against the survey's languages; else the first listed. A
 * code the survey does not list, or a malformed one, is ignored, never an error. A survey
 * without `languages` is in English, as it always was.
 */
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { STALE_NOTICE, type Availability, type PipeWords, type Survey } from '../domain/index.js';
import { DEFAULT_LANGUAGE, type BuiltInLanguage } from '../domain/languages.js';
import { messages, type MessageKey, type Messages } from '../i18n/index.js';
import type { PageLanguage } from '../views/index.js';

/** The session key holding each survey's chosen language: `{ slug: code }`. */
const SESSION_KEY = 'lang';

/** A longer `Accept-Language` is ignored rather than parsed (issue 16, Bad input). */
export const MAX_ACCEPT_LANGUAGE = 512;

const chosen = new WeakMap<FastifyRequest, Messages>();

function asCode(value: unknown, codes: readonly BuiltInLanguage[]): BuiltInLanguage | undefined {
  return typeof value === 'string' && (codes as readonly string[]).includes(value)
    ? (value as BuiltInLanguage)
    : undefined;
}

function field(source: unknown, name: string): unknown {
  return typeof source === 'object' && source !== null
    ? (source as Record<string, unknown>)[name]
    : undefined;
}

function fromHeader(request: FastifyRequest, codes: readonly BuiltInLanguage[]) {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string' || header.length > MAX_ACCEPT_LANGUAGE) return undefined;
  const best = new Negotiator({ headers: { 'accept-language': header } }).language([...codes]);
  return asCode(best, codes);
}

// The session is missing only when the request failed before it was loaded (an error page).
const sessionOf = (request: FastifyRequest) => (request as Partial<FastifyRequest>).session;

function remembered(request: FastifyRequest, slug: string, codes: readonly BuiltInLanguage[]) {
  return asCode(field(sessionOf(request)?.get(SESSION_KEY), slug), codes);
}

function remember(request: FastifyRequest, slug: string, code: BuiltInLanguage): void {
  const session = sessionOf(request);
  if (session === undefined) return;
  const all = session.get(SESSION_KEY);
  if (field(all, slug) === code) return;
  const entries = typeof all === 'object' && all !== null && !Array.isArray(all) ? all : {};
  session.set(SESSION_KEY, { ...entries, [slug]: code });
}

/** The language of `survey` for this request, chosen once and kept for the request. */
export function languageOf(request: FastifyRequest, survey: Survey): Messages {
  const codes = survey.languages?.codes;
  // Nothing to choose, so nothing to remember: a `WeakMap` entry per request (an ephemeron the
  // collector then tracks) cost the question page ~1k instructions (docs/performance.md).
  if (codes === undefined || codes.length === 0) return messages(DEFAULT_LANGUAGE);
  const known = chosen.get(request);
  if (known !== undefined) return known;
  const asked =
    asCode(field(request.query, 'lang'), codes) ?? asCode(field(request.body, 'lang'), codes);
  if (asked !== undefined) remember(request, survey.slug, asked);
  const m = messages(
    asked ??
      remembered(request, survey.slug, codes) ??
      fromHeader(request, codes) ??
      (codes[0] as BuiltInLanguage),
  );
  chosen.set(request, m);
  return m;
}

/**
 * How answers piped into a text read in `m`'s language (SURVEYS.md §5): a choice's text
 * translated, yes and no from the catalog; undefined for a survey without languages.
 */
export function pipeWords(survey: Survey, m: Messages): PipeWords | undefined {
  const languages = survey.languages;
  if (languages === undefined) return undefined;
  return { text: (text) => languages.text(text, m.lang), yes: m.t('yes'), no: m.t('no') };
}

/** The language already chosen for this request (a survey with languages only). */
export function chosenLanguage(request: FastifyRequest): Messages | undefined {
  return chosen.get(request);
}

/**
 * The page language of a respondent page of `survey`: its messages and, for a survey of two or
 * more languages, the switcher's links (this page's address with `lang` set, other parameters
 * such as hidden fields kept).
 */
export function pageLanguage(request: FastifyRequest, survey: Survey): PageLanguage {
  const m = languageOf(request, survey);
  const codes = survey.languages?.codes ?? [];
  if (codes.length < 2) return { messages: m };
  const [path = '', search = ''] = request.url.split('?', 2);
  const switcher = codes.map((code) => {
    const query = new URLSearchParams(search);
    query.set('lang', code);
    return { code, href: `${path}?${query.toString()}` };
  });
  return { messages: m, switcher };
}

/** Why a survey cannot be begun (SURVEYS.md §8) in the page's language. */
export function closedMessage(
  survey: Survey,
  reason: Exclude<Availability, { kind: 'open' }>,
  m: Messages,
): string {
  if (survey.closedMessage !== undefined)
    return survey.languages?.text(survey.closedMessage, m.lang) ?? survey.closedMessage;
  switch (reason.kind) {
    case 'not-open-yet':
      return m.t('notOpenYet', { when: m.moment(reason.opens) });
    case 'closed':
      return m.t('closed');
    case 'full':
      return m.t('full');
  }
}

/** The domain's English notices and their messages in the catalogs. */
const FLASHES = new Map<string, MessageKey>([[STALE_NOTICE, 'staleForm']]);

/**
 * A flash of the respondent flow in `m`'s language. English is the flow's own text, so the
 * seed's `Invalid question id: {qid}.` stays byte for byte; an unknown message is kept as is.
 */
export function flashIn(m: Messages, message: string): string {
  if (m.lang === 'en') return message;
  const invalid = /^Invalid question id: (.*)\.$/s.exec(message);
  if (invalid !== null) return m.t('invalidQuestion', { qid: invalid[1] ?? '' });
  const key = FLASHES.get(message);
  return key === undefined ? message : m.t(key);
}

/**
 * The language of an error page: a survey's when the address is inside one (its 404, 403, 413,
 * 429, 503…), else English.
 */
export function errorLanguage(request: FastifyRequest): PageLanguage | undefined {
  const slug = /^\/surveys\/([^/?#]+)/.exec(request.url)?.[1];
  const survey = slug === undefined ? undefined : request.server.canvassSurveys.surveys.get(slug);
  if (survey !== undefined) return pageLanguage(request, survey);
  const m = chosen.get(request);
  return m === undefined ? undefined : { messages: m };
}
