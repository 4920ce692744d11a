import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { errorPage, renderDocument, stylesheet } from '../../views/index.js';
import { errorPageText } from '../errors.js';
import { BASELINE_HEADERS } from './baseline.js';

/** Node's codes for the requests its parser refuses, and the status each deserves. */
function statusFor(error: NodeJS.ErrnoException): number {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408; // headers or body too slow
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431; // RFC 6585 §5
  if (error.code === 'HPE_URI_TOO_LONG') return 414;
  return 400;
}

/**
 * Fastify's `clientErrorHandler`: what a client gets when Node's HTTP parser refuses its request
 * before any route sees it (malformed request line, invalid header bytes, headers over 16 KiB,
 * a slowloris deadline). Fastify's default answers JSON; Canvass answers the same HTML error
 * page as everywhere else, then closes the connection, since the stream cannot be trusted.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  // A reset or an already-closed socket has no one left to answer (Node docs, 'clientError').
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = statusFor(error);
  this.canvassLog.info({ err: error, status }, 'client error');
  if (socket.writable) {
    const { heading, detail } = errorPageText(status);
    const body = renderDocument(errorPage(status, heading, detail), {
      notices: [],
      stylesheet: stylesheet.path,
    });
    const headers = {
      ...BASELINE_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head.join('')}\r\n${body}`);
  }
  socket.destroy(error);
}
