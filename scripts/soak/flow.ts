import type { SoakClient, SoakResponse } from './http.js';

/** A respondent's cookie jar: what `Set-Cookie` said last, per name (deletions honoured). */
class Jar {
  private readonly cookies = new Map<string, string>();

  take(response: SoakResponse): void {
    for (const line of response.setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Thrown for a response the flow did not expect; the soak counts it as an error. */
export class UnexpectedResponse extends Error {
  override name = 'UnexpectedResponse';
}

const CSRF = /name="_csrf" value="([^"]+)"/;
const CHOICE = /name="answer"[^>]*value="([^"]*)"/g;

/**
 * One respondent taking a survey from the start page to the thank-you page: every page
 * fetched, a random choice posted for each question, each status and redirect checked.
 * `onRequest` gets each request's latency in milliseconds.
 */
export async function takeSurvey(
  client: SoakClient,
  slug: string,
  onRequest: (ms: number) => void,
): Promise<void> {
  const jar = new Jar();
  const step = async (
    method: 'GET' | 'POST',
    path: string,
    expect: { status: number; location?: string },
    form?: URLSearchParams,
  ) => {
    const started = performance.now();
    const response = await client.send(method, path, jar.header(), form);
    onRequest(performance.now() - started);
    jar.take(response);
    if (response.status !== expect.status || response.location !== expect.location) {
      throw new UnexpectedResponse(
        `${method} ${path}: ${response.status} ${response.location ?? ''} (expected ${expect.status} ${expect.location ?? ''})`,
      );
    }
    return response;
  };
  const start = await step('GET', `/surveys/${slug}`, { status: 200 });
  let csrf = CSRF.exec(start.body)?.[1] ?? '';
  await step(
    'POST',
    `/surveys/${slug}/begin`,
    { status: 303, location: `/surveys/${slug}/questions/0` },
    new URLSearchParams({ _csrf: csrf }),
  );
  for (let qid = 0; ; qid++) {
    const page = await step('GET', `/surveys/${slug}/questions/${qid}`, { status: 200 });
    csrf = CSRF.exec(page.body)?.[1] ?? csrf;
    const choices = [...page.body.matchAll(CHOICE)].map((m) => decode(m[1] ?? ''));
    const answer = choices[Math.floor(Math.random() * choices.length)] ?? '';
    const form = new URLSearchParams({ _csrf: csrf, answer });
    if (page.body.includes('name="comment"') && Math.random() < 0.3)
      form.set('comment', 'soak <test> & "quotes"');
    const last = /Question (\d+) of (\d+)/.exec(page.body);
    const done = last !== null && last[1] === last[2];
    const next = done ? `/surveys/${slug}/complete` : `/surveys/${slug}/questions/${qid + 1}`;
    await step('POST', `/surveys/${slug}/questions/${qid}`, { status: 303, location: next }, form);
    if (done) break;
  }
  await step('GET', `/surveys/${slug}/complete`, { status: 200 });
}

/** The few entities the html tag escapes in attribute values. */
function decode(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
