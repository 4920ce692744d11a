// The baseline: a bare node:http server returning a fixed 1 KB HTML page.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';

const body = Buffer.from(`<!doctype html><title>baseline</title><p>${'x'.repeat(1024 - 40)}</p>`);
const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
  });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `Listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
