import { createServer } from 'node:http';
import { createSessionManager } from '@canvass/session';
import { withSession } from '@canvass/session/node';

// The Flask app's SECRET_KEY; mode 'flask' reads and writes Flask's own session cookies.
const sessions = createSessionManager({ secrets: [process.env.SECRET_KEY], mode: 'flask' });

const server = createServer(
  withSession(sessions, (request, response, session) => {
    const visits = (session.get('visits') ?? 0) + 1;
    session.set('visits', visits); // committed when the response writes its head
    const flashes = session.consumeFlashes().map((f) => `${f.category}: ${f.message}`);
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end([`visit ${visits}`, ...flashes].join('\n'));
  }),
);
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
