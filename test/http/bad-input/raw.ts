import { raw, type Row } from './rows.js';

const H = 'Host: localhost\r\nConnection: close\r\n';
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

/** Requests Node's HTTP parser refuses, or that only a raw socket can send. */
export const RAW_ROWS: readonly Row[] = [
  {
    name: 'raw: invalid UTF-8 in the request line',
    request: raw(bytes('GET /surveys/', [0xff, 0xfe], ` HTTP/1.1\r\n${H}\r\n`)),
    status: 400,
  },
  {
    name: 'raw: a NUL byte in the request line',
    request: raw(`GET /sur\0veys HTTP/1.1\r\n${H}\r\n`),
    status: 400,
  },
  {
    name: 'raw: a NUL byte in a header value',
    request: raw(`GET / HTTP/1.1\r\n${H}X-A: a\0b\r\n\r\n`),
    status: 400,
  },
  {
    name: 'raw: a NUL byte in the cookie',
    request: raw(`GET / HTTP/1.1\r\n${H}Cookie: session=a\0b\r\n\r\n`),
    status: 400,
  },
  {
    name: 'raw: a CR inside a header value',
    request: raw(`GET / HTTP/1.1\r\n${H}Cookie: a=b\rSet-Cookie: x=y\r\n\r\n`),
    status: 400,
  },
  {
    name: 'raw: a header line without a colon',
    request: raw(`GET / HTTP/1.1\r\n${H}NoColonHere\r\n\r\n`),
    status: 400,
  },
  {
    name: 'raw: a 20 KiB header',
    request: raw(`GET / HTTP/1.1\r\n${H}X-Long: ${'a'.repeat(20_480)}\r\n\r\n`),
    status: 431,
  },
  {
    name: 'raw: a 20 KiB cookie',
    request: raw(`GET / HTTP/1.1\r\n${H}Cookie: session=${'a'.repeat(20_480)}\r\n\r\n`),
    status: 431,
  },
  {
    name: 'raw: a 20 KiB URL',
    request: raw(`GET /${'a'.repeat(20_480)} HTTP/1.1\r\n${H}\r\n`),
    status: 431,
  },
  {
    name: 'raw: 2,500 small headers',
    request: raw(
      `GET / HTTP/1.1\r\n${H}${Array.from({ length: 2500 }, (_, i) => `X-${i}: b\r\n`).join('')}\r\n`,
    ),
    status: 431,
  },
  { name: 'raw: an unknown method', request: raw(`FROB / HTTP/1.1\r\n${H}\r\n`), status: 400 },
  { name: 'raw: a lowercase method', request: raw(`get / HTTP/1.1\r\n${H}\r\n`), status: 400 },
  {
    name: 'raw: HTTP/2 spoken without upgrade',
    request: raw('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
    status: 400,
  },
  {
    name: 'raw: a TLS handshake on the plain port',
    request: raw(bytes([0x16, 3, 1, 0, 0xa5, 1, 0, 0, 0xa1, 3, 3])),
    status: 400,
  },
  {
    name: 'raw: HTTP/1.1 without Host',
    request: raw('GET / HTTP/1.1\r\nConnection: close\r\n\r\n'),
    status: 400,
  },
  {
    name: 'raw: two Host headers',
    request: raw(`GET / HTTP/1.1\r\nHost: a\r\n${H}\r\n`),
    status: 400,
  },
  {
    name: 'raw: broken chunked encoding',
    request: raw(
      `POST /surveys/satisfaction/begin HTTP/1.1\r\n${H}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
    ),
    status: 400,
  },
  {
    name: 'raw: Content-Length and Transfer-Encoding together (request smuggling)',
    request: raw(
      `POST /surveys/satisfaction/begin HTTP/1.1\r\n${H}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ),
    status: 400,
  },
  {
    name: 'raw: two different Content-Lengths',
    request: raw(
      `POST /surveys/satisfaction/begin HTTP/1.1\r\n${H}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
    ),
    status: 400,
  },
  {
    name: 'raw: a negative Content-Length',
    request: raw(`POST /surveys/satisfaction/begin HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n`),
    status: 400,
  },
  {
    name: 'raw: a chunked body over 64 KiB',
    request: raw(
      `POST /surveys/satisfaction/begin HTTP/1.1\r\n${H}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n10001\r\n${'a'.repeat(0x10001)}\r\n0\r\n\r\n`,
    ),
    status: 413,
  },
  {
    name: 'raw: a Content-Length over 64 KiB',
    request: raw(
      `POST /surveys/satisfaction/begin HTTP/1.1\r\n${H}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\nabc`,
    ),
    status: 413,
  },
  {
    name: 'raw: a broken percent-encoding in the path',
    request: raw(`GET /surveys/%zz HTTP/1.1\r\n${H}\r\n`),
    status: 400,
    session: false,
  },
  // Sent as is: an HTTP client library would resolve the dot segments before sending.
  {
    name: 'raw: a dot-dot slug',
    request: raw(`GET /surveys/%2e%2e HTTP/1.1\r\n${H}\r\n`),
    status: 404,
  },
  {
    name: 'raw: a literal dot-dot path',
    request: raw(`GET /surveys/../admin HTTP/1.1\r\n${H}\r\n`),
    status: 404,
  },
  {
    name: 'raw: an absolute-form URL to another host',
    request: raw(`GET http://evil.example/ HTTP/1.1\r\n${H}\r\n`),
    status: 200,
    page: /<h1>Surveys<\/h1>|<h1>/,
  },
];
