/**
 * The database cannot be reached or written (locked past the busy timeout, read-only,
 * missing, out of disk, connection refused). Callers answer 503 rather than 500; the
 * driver's error is kept as `cause` for the logs.
 */
export class StorageUnavailable extends Error {
  readonly code = 'STORAGE_UNAVAILABLE';
  readonly statusCode = 503;

  constructor(operation: string, options: { cause: unknown }) {
    super(`Storage unavailable during ${operation}: ${describe(options.cause)}`, options);
    this.name = 'StorageUnavailable';
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Opening an existing database only (`canvass export`), there is none: no SQLite file, or a
 * database without Canvass's tables. Nothing was created.
 */
export class DatabaseNotFound extends Error {
  readonly code = 'DATABASE_NOT_FOUND';

  constructor(message: string) {
    super(message);
    this.name = 'DatabaseNotFound';
  }
}
