import Fastify from 'fastify';
import { createSessionManager } from '@canvass/session';
import { registerSessions } from '@canvass/session/fastify';

const manager = createSessionManager({ secrets: [process.env.SECRET_KEY] });

const app = Fastify();
registerSessions(app, manager);
app.get('/', (request) => {
  const visits = (request.session.get('visits') ?? 0) + 1;
  request.session.set('visits', visits);
  return `visit ${visits}`;
});
const url = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`Listening on ${url}`);
