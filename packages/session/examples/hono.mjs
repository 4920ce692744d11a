import { createServer } from 'node:http';
import { Hono } from 'hono';
import { createSessionManager } from '@canvass/session';
import { withSession } from '@canvass/session/fetch';

const manager = createSessionManager({ secrets: [process.env.SECRET_KEY] });

const app = new Hono();
app.get('/', (c) => {
  const visits = (c.env.session.get('visits') ?? 0) + 1;
  c.env.session.set('visits', visits);
  return c.text(`visit ${visits}`);
});
// Any Fetch handler: (Request) => Promise<Response>. Hono reads the session from c.env.
const handle = withSession(manager, (request, session) => app.fetch(request, { session }));

// Served here with node:http; Bun.serve({ fetch: handle }) or Deno.serve(handle) work alike.
const server = createServer(async (req, res) => {
  const url = `http://${req.headers.host}${req.url}`;
  const response = await handle(new Request(url, { headers: req.headers }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
