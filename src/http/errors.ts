import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SessionStoreUnavailable } from '@canvass/session';
import { StorageUnavailable } from '../storage/index.js';
import { errorPage } from '../views/index.js';
import type { MessageKey } from '../i18n/index.js';
import { errorLanguage } from './language.js';
import { requestLog } from './logging.js';
import { sendPage } from './render.js';

/** The error pages, one per status Canvass answers with: a heading and what to do next. */
const PAGES: Record<number, { heading: string; detail: string }> = {
  400: {
    heading: 'Bad request',
    detail: 'The request could not be understood. Please go back and try again.',
  },
  403: {
    heading: 'This form has expired',
    detail:
      'For your security, forms can only be sent from a page Canvass showed you in this browser. Please go back, reload the page and try again.',
  },
  404: {
    heading: 'Page not found',
    detail: 'There is no page at this address. Check the link, or pick a survey from the list.',
  },
  408: {
    heading: 'Request timed out',
    detail: 'Your browser took too long to send its request. Please try again.',
  },
  413: {
    heading: 'Too much data',
    detail:
      'What you sent is larger than Canvass accepts (64 KiB). Please shorten it and try again.',
  },
  414: {
    heading: 'Address too long',
    detail: 'This address is longer than Canvass accepts. Check the link, or start from the list.',
  },
  415: {
    heading: 'Unsupported form',
    detail: 'Canvass only accepts ordinary web forms. Please use the form on the page.',
  },
  429: {
    heading: 'Too many requests',
    detail:
      'This browser or network sent more requests than Canvass accepts in a short time. Please wait a minute and try again; your answers so far are kept.',
  },
  431: {
    heading: 'Request too large',
    detail:
      'Your browser sent more cookies or headers than Canvass accepts. Clearing this site’s cookies usually fixes it.',
  },
  500: {
    heading: 'Something went wrong',
    detail: 'Canvass hit an unexpected problem. Your earlier answers are safe; please try again.',
  },
  503: {
    heading: 'Temporarily unavailable',
    detail:
      'Canvass cannot reach its database right now. Your progress is kept: please try again in a moment.',
  },
};

/** The error pages a respondent meets inside a survey, in the catalogs (SURVEYS.md §5). */
const LOCAL_PAGES: Partial<Record<number, { heading: MessageKey; detail: MessageKey }>> = {
  403: { heading: 'expiredHeading', detail: 'expiredDetail' },
  404: { heading: 'notFoundHeading', detail: 'notFoundDetail' },
  413: { heading: 'tooLargeHeading', detail: 'tooLargeDetail' },
  429: { heading: 'tooManyHeading', detail: 'tooManyDetail' },
  503: { heading: 'unavailableHeading', detail: 'unavailableDetail' },
};

/** The heading and advice of the page for `status` (its class's page when it has none). */
export function errorPageText(status: number): { heading: string; detail: string } {
  return PAGES[status] ?? PAGES[status >= 500 ? 500 : 400] ?? { heading: 'Error', detail: '' };
}

/** Sends the friendly page for `status`. */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
): FastifyReply {
  const language = errorLanguage(request);
  const m = language?.messages;
  const own = m === undefined || m.lang === 'en' ? undefined : LOCAL_PAGES[status];
  const page =
    own === undefined || m === undefined
      ? errorPageText(status)
      : { heading: m.t(own.heading), detail: m.t(own.detail, { kib: 64 }) };
  return sendPage(request, reply, errorPage(status, page.heading, page.detail, language), status);
}

/**
 * The one central error handler: client errors keep their status and get a clear page, storage
 * outages become 503 (progress is in the cookie, nothing is lost), anything else is a logged 500
 * whose details stay out of the page.
 */
export function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof StorageUnavailable || error instanceof SessionStoreUnavailable) {
    requestLog(request).warn({ err: error }, 'storage unavailable');
    return sendErrorPage(request, reply, 503);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendErrorPage(request, reply, status);
  requestLog(request).error({ err: error }, 'request failed');
  return sendErrorPage(request, reply, 500);
}
