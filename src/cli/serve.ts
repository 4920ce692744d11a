import type { AddressInfo } from 'node:net';
import { formatSurveyFileError, loadSurveyDirectory } from '../domain/index.js';
import { buildApp } from '../http/index.js';
import { sessionEventLevel } from '../session/index.js';
import { openStorage } from '../storage/index.js';
import { resolveAdminPassword } from './admin-password.js';
import { ConfigError, type ServeConfig } from './config.js';
import { resolveSecretKey } from './secret.js';
import { openSessions } from './sessions.js';

/**
 * `canvass serve`: loads and validates the surveys, opens the database (running migrations),
 * listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests finish, then exits.
 */
export async function serve(config: ServeConfig): Promise<void> {
  const load = await loadSurveyDirectory(config.surveys);
  if (load.errors.length > 0) {
    throw new ConfigError(
      `Invalid survey files:\n${load.errors.map((e) => `  ${formatSurveyFileError(e)}`).join('\n')}`,
    );
  }
  const secret = await resolveSecretKey(config);
  if (secret.source === 'generated') {
    process.stderr.write(
      `Generated a session secret key in ${config.dataDir} (set SECRET_KEY in production).\n`,
    );
  }
  // Bad signatures, expiry, fallback-key use, oversize and store outages: one log line each.
  const { sessions, close: closeSessions } = await openSessions(config, secret.key, (event) => {
    app.log[sessionEventLevel(event)]({ session: event }, `session ${event.kind}`);
  });
  const storage = await openStorage(config.databaseUrl);
  const app = await buildApp({
    surveys: load.surveys,
    storage,
    sessions,
    ...(config.sessionCookieSecure === undefined
      ? {}
      : { secureCookies: config.sessionCookieSecure }),
    logger: { level: config.logLevel },
    ...adminOption(resolveAdminPassword(config)),
  });
  app.addHook('onClose', async () => {
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
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`Listening on http://${host}:${port}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
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

/** Passes the admin password on only when there is one (exactOptionalPropertyTypes). */
function adminOption(password: string | undefined): { adminPassword?: string } {
  return password === undefined ? {} : { adminPassword: password };
}
