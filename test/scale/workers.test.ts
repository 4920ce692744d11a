import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { logInAsAdmin } from '../support/admin.js';
import { Browser, toTestResponse, type Transport } from '../support/browser.js';
import { childPids, storedAnswers, waitUntil } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { TEST_SECRET } from '../support/app.js';
import { cleanEnv, runCli, startServer } from '../support/process.js';

/**
 * Real HTTP with a new TCP connection per request. node:cluster hands out connections, not
 * requests, round robin: a keep-alive client would talk to one worker only.
 */
function connectionPerRequest(baseUrl: string): Transport {
  return ({ method, url, headers, body }) =>
    new Promise((resolve, reject) => {
      const req = request(new URL(url, baseUrl), { method, headers, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          resolve(toTestResponse(res.statusCode ?? 0, res.headers, text));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

test('canvass serve --workers 2: one announcement, one generated admin password for all, and a worker killed mid-survey is replaced while the survey goes on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-workers-'));
  const database = `sqlite:${join(dir, 'canvass.db')}`;
  const args = ['--workers', '2', '--port', '0', '--database', database, '--data-dir', dir];
  // LOG_LEVEL=info: each worker logs "Server listening" with its pid, so the test knows when
  // both serve (killing the only listening worker of a port-0 server would close the port).
  const server = await startServer(args, cleanEnv({ LOG_LEVEL: 'info' }));
  t.after(async () => {
    await server.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const primary = server.child.pid ?? 0;
  await waitUntil('two workers run', async () => (await childPids(primary)).length === 2);
  const workers = await childPids(primary);
  const listening = (pid: number) =>
    new RegExp(`"pid":${pid},[^\n]*"msg":"Server listening`).test(server.output());
  await waitUntil('both workers listen', () => Promise.resolve(workers.every(listening)));

  // Every worker accepts the one password the primary generated and printed.
  const password = /Admin password for this run: (\S+)/.exec(server.output())?.[1] ?? '';
  const transport = connectionPerRequest(server.url);
  for (let i = 0; i < 4; i++) await logInAsAdmin(new Browser(transport, server.url), password);

  const browser = new Browser(transport, server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);

  const [victim] = workers;
  assert.ok(victim !== undefined);
  process.kill(victim, 'SIGKILL');
  // A connection handed to the worker as it died is lost with it; the next ones are not.
  await waitUntil('the primary notices', () =>
    Promise.resolve(server.output().includes(`Worker ${victim} exited`)),
  );
  await answerAll(browser, 'satisfaction', ['Less than $10,000', 'Yes'], 2);
  assert.equal((await browser.get('/surveys/satisfaction/complete')).status, 200);
  await waitUntil('a new worker replaces the killed one and listens', async () => {
    const now = await childPids(primary);
    return now.length === 2 && !now.includes(victim) && now.every(listening);
  });
  assert.deepEqual(await storedAnswers(database, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);

  const output = server.output();
  assert.equal(output.match(/Listening on /g)?.length, 1, 'announced once');
  assert.equal(output.match(/Admin password for this run/g)?.length, 1, 'one password');
  assert.match(output, new RegExp(`Worker ${victim} exited \\(SIGKILL\\); starting a new one`));
  assert.equal(await server.stop('SIGTERM'), 0, 'a clean shutdown of primary and workers');
  assert.deepEqual(await childPids(primary), []);
});

test('canvass serve --workers 2 whose workers fail for a reason other than the database (a port in use) gives up after five failed starts and exits 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-workers-'));
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    taken.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { port } = taken.address() as AddressInfo;
  const database = `sqlite:${join(dir, 'canvass.db')}`;
  const result = await runCli(
    ['serve', '--workers', '2', '--port', String(port), '--database', database, '--data-dir', dir],
    cleanEnv({ SECRET_KEY: TEST_SECRET }),
  );
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Workers keep failing to start \(5 in a row/);
  assert.doesNotMatch(result.stderr, /could not open the database/);
});
