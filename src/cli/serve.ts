import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { formatSurveyFileError, loadSurveyDirectory, type Survey } from '../domain/index.js';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp, type ReloadReport } from '../http/index.js';
import { sessionEventLevel } from '@canvass/session';
import { openStorage } from '../storage/index.js';
import { resolveAdminPassword } from './admin-password.js';
import { ConfigError, type ServeConfig } from './config.js';
import { startPruner } from './pruner.js';
import { startWebhookWorker } from './webhook-worker.js';
import { watchSurveys } from './survey-watch.js';
import { resolveSecretKey } from './secret.js';
import { openSessions } from './sessions.js';

/** Loads the survey directory, failing startup with every invalid file listed. */
export async function loadSurveys(config: ServeConfig): Promise<readonly Survey[]> {
  const load = await loadSurveyDirectory(config.surveys);
  if (load.errors.length > 0) {
    throw new ConfigError(
      `Invalid survey files:\n${load.errors.map((e) => `  ${formatSurveyFileError(e)}`).join('\n')}`,
    );
  }
  return load.surveys;
}

/**
 * `canvass serve`: loads and validates the surveys, opens the database (running migrations),
 * listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests finish, then exits.
 * As a `--workers` worker it says nothing the primary already said (see cluster.ts).
 */
export async function serve(
  config: ServeConfig,
  role: 'single' | 'worker' = 'single',
): Promise<void> {
  const surveys = await loadSurveys(config);
  const secret = await resolveSecretKey(config);
  if (secret.source === 'generated') {
    process.stderr.write(
      `Generated a session secret key in ${config.dataDir} (set SECRET_KEY in production).\n`,
    );
  }
  // Bad signatures, expiry, fallback-key use, oversize and store outages: one log line each.
  const {
    sessions,
    health,
    close: closeSessions,
  } = await openSessions(config, secret.key, (event) => {
    app.canvassLog[sessionEventLevel(event)]({ session: event }, `session ${event.kind}`);
  });
  // A session store left open would keep a process whose database failed alive.
  const storage = await openStorage(config.databaseUrl).catch(async (error: unknown) => {
    await closeSessions();
    throw error;
  });
  const app = await buildApp({
    surveys,
    storage,
    sessions,
    health,
    adminLifetimes: { idle: config.adminSessionIdleTimeout, absolute: config.adminSessionMaxAge },
    sessionMaxAge: config.sessionMaxAge,
    ...(config.sessionCookieSecure === undefined
      ? {}
      : { secureCookies: config.sessionCookieSecure }),
    logger: pino({ level: config.logLevel }),
    rateLimit: config.rateLimit,
    ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
    ...adminOption(resolveAdminPassword(config, role === 'worker' ? silent : process.stderr)),
  });
  // Added, changed and removed survey files are picked up while serving (issue 16 item 4).
  const watching = watchSurveys(
    config.surveys,
    async (read) => {
      logReload(app.canvassLog, await app.canvassSurveys.reload(read));
    },
    (error) => {
      app.canvassLog.error({ err: error }, 'survey files: reloading failed');
    },
  );
  // Responses begun and never answered go after PRUNE_EMPTY_AFTER seconds (issue 18 item 4).
  const stopPruner = startPruner({
    storage,
    afterSeconds: config.pruneEmptyAfter,
    report: (outcome) => {
      if ('error' in outcome)
        app.canvassLog.warn({ err: outcome.error }, 'pruning empty responses failed');
      else if (outcome.pruned > 0)
        app.canvassLog.info({ pruned: outcome.pruned }, 'pruned empty responses');
    },
  });
  // Completed responses POSTed to the owners' webhook endpoints (issue 17 item 4).
  const webhooks = startWebhookWorker({
    storage,
    allowPrivate: config.webhookAllowPrivate,
    report: (error) => {
      app.canvassLog.warn({ err: error }, 'webhook deliveries: a pass failed');
    },
  });
  app.addHook('onClose', async () => {
    watching.stop();
    stopPruner();
    // Before the storage closes: an attempt in flight is aborted and its lease left to run out.
    await webhooks.stop();
    await closeSessions();
    await storage.close();
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  if (role === 'single') process.stdout.write(`Listening on ${listeningUrl(config.host, port)}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.canvassLog.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * One log line per reload that changed something, and a warning per reload that found invalid
 * files (each keeps serving its last valid version; the admin dashboard lists them too).
 */
function logReload(log: FastifyBaseLogger, report: ReloadReport): void {
  const { added, changed, removed, problems } = report;
  if (added.length + changed.length + removed.length > 0)
    log.info({ added, changed, removed }, 'survey files reloaded');
  if (problems.length > 0) {
    log.warn(
      { problems: problems.map(formatSurveyFileError) },
      `Invalid survey files (the last valid version of each keeps serving):\n${problems.map((e) => `  ${formatSurveyFileError(e)}`).join('\n')}`,
    );
  }
}

/** The address `canvass serve` announces; IPv6 hosts go in brackets (RFC 3986 §3.2.2). */
export function listeningUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const silent = new Writable({
  write: (_chunk, _encoding, done) => {
    done();
  },
});

/** Passes the admin password on only when there is one (exactOptionalPropertyTypes). */
function adminOption(password: string | undefined): { adminPassword?: string } {
  return password === undefined ? {} : { adminPassword: password };
}
