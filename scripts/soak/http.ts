import { Agent, request } from 'node:http';

/** One response as the soak sees it: status, where a redirect points, and the body text. */
export interface SoakResponse {
  readonly status: number;
  readonly location: string | undefined;
  readonly setCookies: readonly string[];
  readonly body: string;
}

/**
 * A small HTTP client over node:http with a keep-alive pool: cheaper per request than fetch,
 * which matters when the load generator shares the machine's cores with the server.
 */
export function createClient(baseUrl: string, maxSockets: number) {
  const base = new URL(baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new Error(`The soak only drives servers on loopback, not ${base.hostname}`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send(method: 'GET' | 'POST', path: string, cookie: string, form?: URLSearchParams) {
      const body = form?.toString();
      const headers: Record<string, string> = {};
      if (cookie !== '') headers.cookie = cookie;
      if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      return new Promise<SoakResponse>((resolve, reject) => {
        const req = request(new URL(path, base), { method, headers, agent }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              setCookies: res.headers['set-cookie'] ?? [],
              body: text,
            });
          });
          res.on('error', reject);
        });
        req.setTimeout(30_000, () =>
          req.destroy(new Error(`${method} ${path}: no answer in 30 s`)),
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => {
      agent.destroy();
    },
  };
}

export type SoakClient = ReturnType<typeof createClient>;
