import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request } from 'node:https';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Browser, toTestResponse, type Transport } from '../support/browser.js';

/** docs/deploy.md: its nginx block is the configuration under test, and its env file too. */
const DEPLOY_DOC = new URL('../../docs/deploy.md', import.meta.url);

/** The one fenced block of `language` in docs/deploy.md. */
export function deployBlock(language: 'nginx' | 'sh' | 'ini'): string {
  const blocks = [...readFileSync(DEPLOY_DOC, 'utf8').matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2] ?? '');
  if (blocks.length !== 1)
    throw new Error(`docs/deploy.md has ${blocks.length} ${language} blocks`);
  return blocks[0] as string;
}

/** The settings of the environment file in docs/deploy.md, as KEY → value. */
export function deployEnvironment(): Record<string, string> {
  const lines = deployBlock('sh').split('\n');
  return Object.fromEntries(
    lines.filter((line) => /^[A-Z_]+=/.test(line)).map((line) => line.split(/=(.*)/s, 2)),
  ) as Record<string, string>;
}

/** Where a command such as Debian's nginx is (often in /usr/sbin, off a user's PATH), or undefined. */
export function findCommand(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // Not in this directory; try the next.
    }
  }
  return undefined;
}

/** A port nothing listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Replaces `from` in `text`, which must occur exactly once (so the doc cannot drift away). */
function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2)
    throw new Error(`docs/deploy.md's nginx block must contain "${from}" once`);
  return parts.join(to);
}

/** A running nginx from docs/deploy.md, in front of Canvass at `upstreamPort`. */
export interface Nginx {
  readonly httpsPort: number;
  readonly httpPort: number;
  /** The self-signed certificate clients must trust (PEM). */
  readonly ca: Buffer;
  /** Stops nginx and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Starts nginx with the doc's server blocks, its own prefix, pid, logs and temp paths in a
 * temporary directory (never the system service), a certificate for 127.0.0.1 made with the
 * openssl CLI, and ports picked free. Resolves once it accepts connections.
 */
export async function startNginx(nginx: string, upstreamPort: number): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-nginx-'));
  // Run as root, nginx's workers drop to `nobody`: they must reach the temp paths in here.
  chmodSync(dir, 0o755);
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const httpsPort = await freePort();
  let httpPort = await freePort();
  // The OS may hand the same free port out twice in a row.
  while (httpPort === httpsPort) httpPort = await freePort();
  let site = deployBlock('nginx');
  site = replaceOnce(site, 'server 127.0.0.1:3000;', `server 127.0.0.1:${upstreamPort};`);
  site = replaceOnce(site, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
  site = replaceOnce(site, 'listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`);
  site = site.replace(/ssl_certificate (\S+);/, `ssl_certificate ${cert};`);
  site = site.replace(/ssl_certificate_key (\S+);/, `ssl_certificate_key ${key};`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `    ${name}_temp_path ${join(dir, name)};`)
    .join('\n');
  // What /etc/nginx/nginx.conf would hold around the doc's conf.d file.
  const conf = `daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
worker_processes 1;
events { worker_connections 1024; }
http {
    access_log off;
${temp}
${site}
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(
    nginx,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForPort(httpsPort, child, () => `${stderr}${readLog(dir)}`);
  return {
    httpsPort,
    httpPort,
    ca: readFileSync(cert),
    async stop() {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

async function waitForPort(port: number, child: ChildProcess, output: () => string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with ${child.exitCode}:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not listen on ${port} within 5 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    // SIGTERM: nginx's fast shutdown; the master takes its workers with it.
    child.kill('SIGTERM');
  });
}

/**
 * A transport over HTTPS to nginx, from the local address `from` (any of 127.0.0.0/8 is this
 * machine), so that nginx sees distinct clients; `headers` are added to every request.
 */
export function httpsTransport(
  proxy: Nginx,
  from: string,
  headers: Record<string, string> = {},
): { transport: Transport; close: () => void } {
  const agent = new Agent({ ca: proxy.ca, keepAlive: true, localAddress: from, maxSockets: 50 });
  const transport: Transport = (outgoing) =>
    new Promise((resolve, reject) => {
      const sent = request(
        {
          host: '127.0.0.1',
          port: proxy.httpsPort,
          method: outgoing.method,
          path: outgoing.url,
          headers: {
            ...headers,
            ...outgoing.headers,
            ...(outgoing.body === undefined
              ? {}
              : { 'content-length': String(Buffer.byteLength(outgoing.body)) }),
          },
          agent,
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => {
            resolve(toTestResponse(response.statusCode ?? 0, response.headers, body));
          });
          response.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(outgoing.body);
    });
  return {
    transport,
    close: () => {
      agent.destroy();
    },
  };
}

/** A browser (its own cookie jar) talking HTTPS to nginx through `transport`. */
export function httpsBrowser(proxy: Nginx, transport: Transport): Browser {
  return new Browser(transport, `https://127.0.0.1:${proxy.httpsPort}`);
}
