import type { Fixture } from './fixture.js';

/** A request `app.inject` can express. */
export interface InjectInput {
  readonly kind: 'inject';
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** Bytes for a raw TCP connection: what inject (or any well-behaved client) cannot send. */
export interface RawInput {
  readonly kind: 'raw';
  readonly bytes: string | Buffer;
}

/**
 * One row of the matrix: a malformed request and the status docs/security.md documents for it.
 * `page` is what the answer must say (the error page's heading by default); `session: false`
 * marks requests refused before the session is read (no `Vary: Cookie` expected).
 */
export interface Row {
  readonly name: string;
  readonly request: (fx: Fixture) => InjectInput | RawInput;
  readonly status: number;
  readonly page?: RegExp;
  readonly session?: boolean;
}

/** The heading of the error page for each status. */
export const HEADINGS: Record<number, string> = {
  400: 'Bad request',
  403: 'This form has expired',
  404: 'Page not found',
  408: 'Request timed out',
  413: 'Too much data',
  414: 'Address too long',
  415: 'Unsupported form',
  431: 'Request too large',
};

export const FORM = 'application/x-www-form-urlencoded';

export const get =
  (url: string, headers: Record<string, string> = {}) =>
  (fx: Fixture): InjectInput => ({
    kind: 'inject',
    method: 'GET',
    url,
    headers: { cookie: fx.cookie, ...headers },
  });

export const adminGet =
  (url: string) =>
  (fx: Fixture): InjectInput => ({
    kind: 'inject',
    method: 'GET',
    url,
    headers: { cookie: fx.adminCookie },
  });

/** A form POST with the respondent's cookie; `token` adds their valid CSRF token. */
export const post =
  (url: string, body: string | Buffer, options: { token?: boolean; type?: string } = {}) =>
  (fx: Fixture): InjectInput => {
    const withToken =
      options.token === true
        ? Buffer.concat([Buffer.from(body), Buffer.from(`&_csrf=${fx.token}`)])
        : body;
    return {
      kind: 'inject',
      method: 'POST',
      url,
      headers: { cookie: fx.cookie, 'content-type': options.type ?? FORM },
      body: withToken,
    };
  };

export const raw = (bytes: string | Buffer) => (): RawInput => ({ kind: 'raw', bytes });
