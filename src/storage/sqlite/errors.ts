/**
 * better-sqlite3 reports SQLite's extended result codes as strings (`SQLITE_BUSY_SNAPSHOT`,
 * `SQLITE_READONLY_DBMOVED`…), so a primary code also matches its `_…` variants.
 * https://www.sqlite.org/rescode.html
 */
const UNAVAILABLE_SQLITE_CODES = [
  'SQLITE_BUSY', // still locked after busy_timeout
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_PERM',
  'SQLITE_PROTOCOL',
];

/** Errors from preparing the database file (creating its directory) before SQLite opens it. */
const UNAVAILABLE_FS_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EIO', 'EDQUOT']);

export function isSqliteUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') {
    return false;
  }
  const code = error.code;
  if (UNAVAILABLE_FS_CODES.has(code)) return true;
  return UNAVAILABLE_SQLITE_CODES.some((c) => code === c || code.startsWith(`${c}_`));
}
