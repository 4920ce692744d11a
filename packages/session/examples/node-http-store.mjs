import { createServer } from 'node:http';
import { createRedisSessionStore, createSessionManager } from '@canvass/session';
import { withSession } from '@canvass/session/node';

const store = createRedisSessionStore(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
await store.connect();
const sessions = createSessionManager({ secrets: [process.env.SECRET_KEY], store });

const server = createServer(
  withSession(sessions, (request, response, session) => {
    const visits = (session.get('visits') ?? 0) + 1;
    session.set('visits', visits); // written to Redis before the response's head
    response.end(`visit ${visits}`); // a store that is down: a plain 503 instead
  }),
);
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => store.close()));
