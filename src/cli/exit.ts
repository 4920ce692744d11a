import { DatabaseNotFound, StorageUnavailable } from '../storage/index.js';

/**
 * The exit code of a `canvass` process that stopped because its database could not be reached
 * or written: sysexits.h's EX_TEMPFAIL, "try again later". The `--workers` primary retries a
 * worker that exits with it for as long as it takes (supervisor.ts); a service manager can too
 * (systemd's `RestartForceExitStatus=75`).
 */
export const EXIT_DATABASE_UNAVAILABLE = 75;

/**
 * The one line and exit code for a database that cannot be used, or undefined for any other
 * error. The URL is never echoed: it may carry a password.
 */
export function databaseFailure(error: unknown): { line: string; code: number } | undefined {
  if (error instanceof StorageUnavailable) {
    return {
      line: `Cannot open the database named by DATABASE_URL (or --database): ${describe(error.cause)}`,
      code: EXIT_DATABASE_UNAVAILABLE,
    };
  }
  if (error instanceof DatabaseNotFound) {
    return { line: `DATABASE_URL (or --database): ${error.message}`, code: 1 };
  }
  return undefined;
}

/** A driver error's message; Node reports a refused "localhost" as two at once, without one. */
function describe(cause: unknown): string {
  if (cause instanceof AggregateError && cause.message === '') {
    return cause.errors.map(describe).join('; ');
  }
  return cause instanceof Error ? cause.message : String(cause);
}
