import { connect, type Socket } from 'node:net';

/** What came back on a raw connection: the status line's code (undefined if none) and all bytes. */
export interface RawResponse {
  readonly status: number | undefined;
  readonly head: string;
  readonly body: string;
  /** True when the server closed the connection. */
  readonly closed: boolean;
}

function parse(bytes: Buffer, closed: boolean): RawResponse {
  const text = bytes.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
  return {
    status: status === undefined ? undefined : Number(status),
    head,
    body: split === -1 ? '' : text.slice(split + 4),
    closed,
  };
}

/** Opens a TCP connection to `port` on 127.0.0.1 and collects whatever the server sends. */
export function openRaw(port: number): { socket: Socket; response: Promise<RawResponse> } {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const response = new Promise<RawResponse>((resolve) => {
    socket.on('close', () => {
      resolve(parse(Buffer.concat(chunks), true));
    });
    // A reset after the answer is still an answer: keep what arrived.
    socket.on('error', () => undefined);
  });
  return { socket, response };
}

/**
 * Sends `bytes` as they are (no client-side validation, unlike fetch or http.request) and
 * returns what came back once the server closed the connection (send `Connection: close`).
 * It does not half-close at once: Node aborts a request whose client sent FIN before the
 * answer was written, so a handler that awaits I/O (PostgreSQL) would never get to answer.
 * If the server is still waiting for bytes after a while, the socket is half-closed then.
 */
export async function sendRaw(port: number, bytes: string | Buffer): Promise<RawResponse> {
  const { socket, response } = openRaw(port);
  socket.write(bytes);
  const nudge = setTimeout(() => socket.end(), 5_000);
  try {
    return await response;
  } finally {
    clearTimeout(nudge);
  }
}
