import express from 'express';
import { createSessionManager } from '@canvass/session';
import { sessions } from '@canvass/session/express';

const manager = createSessionManager({ secrets: [process.env.SECRET_KEY] });

const app = express();
app.use(sessions(manager));
app.get('/', (req, res) => {
  const visits = (req.session.get('visits') ?? 0) + 1;
  req.session.set('visits', visits);
  res.send(`visit ${visits}`);
});
const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}`);
});
