import express from 'express';
import { createRedisSessionStore, createSessionManager } from '@canvass/session';
import { sessions } from '@canvass/session/express';

// Sessions in Redis: the cookie carries only a signed id (ioredis is an optional peer).
const store = createRedisSessionStore(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
await store.connect();
const manager = createSessionManager({ secrets: [process.env.SECRET_KEY], store });

const app = express();
app.use(sessions(manager)); // loads before next(); commits to Redis before the head is sent
app.get('/', (req, res) => {
  const visits = (req.session.get('visits') ?? 0) + 1;
  req.session.set('visits', visits);
  res.send(`visit ${visits}`);
});
const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => store.close()));
