import cluster from 'node:cluster';
import { openStorage } from '../storage/index.js';
import { resolveAdminPassword } from './admin-password.js';
import type { ServeConfig } from './config.js';
import { resolveSecretKey } from './secret.js';
import { loadSurveys, serve } from './serve.js';
import { superviseWorkers } from './supervisor.js';

/**
 * `canvass serve --workers N` with N above 1: one primary process that forks N workers
 * (node:cluster shares the listening socket between them) and restarts any that die.
 *
 * The primary does, once, what must be the same in every worker or would be printed N
 * times: it validates the surveys, resolves the secret key and the admin password (generated
 * ones reach the workers through their environment, so a cookie signed by one worker
 * verifies in all and one password logs in everywhere), and runs the migrations. Workers
 * then start as ordinary `canvass serve` processes that do not announce themselves.
 */
export async function serveCluster(config: ServeConfig): Promise<void> {
  if (cluster.isWorker) {
    try {
      await serve(config, 'worker');
    } catch (error) {
      // The IPC channel to the primary would keep a worker that failed to start alive for
      // ever; let go of it so the process ends and the primary sees the exit.
      process.channel?.unref();
      throw error;
    }
    return;
  }
  await loadSurveys(config);
  const secret = await resolveSecretKey(config);
  if (secret.source === 'generated') {
    process.stderr.write(
      `Generated a session secret key in ${config.dataDir} (set SECRET_KEY in production).\n`,
    );
  }
  const adminPassword = resolveAdminPassword(config);
  // Migrating here means the workers find the schema ready (they would also cope: see
  // storage/migrations.ts), and a database that cannot be reached stops startup once.
  await (await openStorage(config.databaseUrl)).close();
  superviseWorkers({
    workers: config.workers,
    host: config.host,
    env: {
      SECRET_KEY: secret.key,
      ...(adminPassword === undefined ? {} : { ADMIN_PASSWORD: adminPassword }),
    },
  });
}
