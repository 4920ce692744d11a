import type { FastifyInstance } from 'fastify';
import { CookieJar } from 'tough-cookie';

/** A response as a test sees it. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** Where a redirect points, or undefined. */
  readonly location: string | undefined;
  /** Every `Set-Cookie` header line. */
  readonly setCookies: readonly string[];
}

export interface TestRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Sends one request: in process through `app.inject()`, or over real HTTP. */
export type Transport = (request: TestRequest) => Promise<TestResponse>;

function header(headers: TestResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Builds a TestResponse from raw parts. */
export function toTestResponse(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): TestResponse {
  const setCookie = headers['set-cookie'];
  return {
    status,
    headers,
    body,
    location: header(headers, 'location'),
    setCookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie],
  };
}

/**
 * A browser with a real cookie jar (tough-cookie): it stores what `Set-Cookie` says, sends
 * it back, follows nothing by itself, and remembers the CSRF token of the last form it saw.
 */
export class Browser {
  readonly jar = new CookieJar();
  lastCsrf: string | undefined;

  constructor(
    private readonly transport: Transport,
    readonly origin = 'http://localhost',
  ) {}

  async request(
    method: string,
    path: string,
    form?: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const url = new URL(path, this.origin).toString();
    const cookie = await this.jar.getCookieString(url);
    const all: Record<string, string> = { ...headers };
    if (cookie !== '') all.cookie = cookie;
    let body: string | undefined;
    if (form !== undefined) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(form)) {
        for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
      }
      body = params.toString();
      all['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    const response = await this.transport({
      method,
      url: path,
      headers: all,
      ...(body === undefined ? {} : { body }),
    });
    for (const line of response.setCookies) await this.jar.setCookie(line, url);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token?.[1] !== undefined) this.lastCsrf = token[1];
    return response;
  }

  get(path: string, headers?: Record<string, string>): Promise<TestResponse> {
    return this.request('GET', path, undefined, headers);
  }

  /** POSTs a form, adding the last CSRF token seen unless the form has its own `_csrf`. */
  post(
    path: string,
    form: Record<string, string | string[]> = {},
    headers?: Record<string, string>,
  ): Promise<TestResponse> {
    const withToken =
      '_csrf' in form || this.lastCsrf === undefined ? form : { ...form, _csrf: this.lastCsrf };
    return this.request('POST', path, withToken, headers);
  }

  /** The raw value of the session cookie in the jar (`session`, or `__Host-session`). */
  async sessionCookie(): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(this.origin);
    return cookies.find((c) => c.key === 'session' || c.key === '__Host-session')?.value;
  }

  /** Follows a redirect chain with GETs, returning the final response. */
  async follow(response: TestResponse, limit = 10): Promise<TestResponse> {
    let current = response;
    for (
      let i = 0;
      i < limit && current.location !== undefined && current.status >= 300 && current.status < 400;
      i++
    ) {
      current = await this.get(current.location);
    }
    return current;
  }
}

/** A transport that runs requests in process through Fastify's `inject` (no socket). */
export function injectTransport(app: FastifyInstance): Transport {
  return async ({ method, url, headers, body }) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body }),
    });
    const responseHeaders = response.headers as Record<string, string | string[] | undefined>;
    return toTestResponse(response.statusCode, responseHeaders, response.body);
  };
}

/** A transport over real HTTP to a running server (`fetch`, redirects not followed). */
export function httpTransport(baseUrl: string): Transport {
  return async ({ method, url, headers, body }) => {
    const response = await fetch(new URL(url, baseUrl), {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      if (key !== 'set-cookie') out[key] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out['set-cookie'] = cookies;
    return toTestResponse(response.status, out, await response.text());
  };
}
