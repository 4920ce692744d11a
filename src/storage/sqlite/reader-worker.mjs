// @ts-check
/**
 * One thread of the SQLite readers (readers.ts, decision 0030): a read-only connection to the
 * database file that runs the owners' results queries it is sent, one at a time, and posts each
 * one's rows back. Plain JavaScript, so the same file runs under the built server and the
 * TypeScript sources (a worker does not inherit tsx's hooks, and registering them there cost
 * ~450 ms of CPU a thread).
 *
 * Messages in: `{ id, sql, parameters }`. Out: `{ id, rows }`, or `{ id, error: { message,
 * code } }` with better-sqlite3's code (`SQLITE_BUSY`, `SQLITE_CANTOPEN`…), which the pool
 * gives back to the caller as the error it was.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** More distinct statements than Canvass's results have; a bound so odd SQL cannot grow it. */
const MAX_STATEMENTS = 256;

const port = parentPort;
if (port === null) throw new Error('reader-worker.mjs runs in a worker thread');
const { path, busyTimeoutMs, cacheKiB } =
  /** @type {{ path: string; busyTimeoutMs: number; cacheKiB: number }} */ (workerData);

/** @type {Database.Database | undefined} */
let db;
/** @type {Map<string, Database.Statement>} */
const statements = new Map();

/** The connection, opened on the first query and again after a failed open. */
function connection() {
  if (db !== undefined) return db;
  const opened = new Database(path, {
    readonly: true,
    fileMustExist: true,
    timeout: busyTimeoutMs,
  });
  try {
    opened.pragma(`cache_size = -${String(cacheKiB)}`);
  } catch (error) {
    opened.close();
    throw error;
  }
  db = opened;
  return opened;
}

/** Lets go of the connection and its statements. */
function forget() {
  statements.clear();
  try {
    db?.close();
  } catch {
    // Closing a connection whose file went away may fail too; it is dropped either way.
  }
  db = undefined;
}

/** @param {string} sql */
function statement(sql) {
  const cached = statements.get(sql);
  if (cached !== undefined) return cached;
  const prepared = connection().prepare(sql);
  if (!prepared.reader) throw new Error('the SQLite readers run queries that return rows only');
  if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value ?? '');
  statements.set(sql, prepared);
  return prepared;
}

/** A map bound as a parameter arrives as a Uint8Array; better-sqlite3 binds a Buffer as a blob. */
/** @param {unknown} value */
const bindable = (value) =>
  value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;

port.on('message', (/** @type {{ id: number; sql: string; parameters: unknown[] }} */ message) => {
  const { id, sql, parameters } = message;
  try {
    const rows = statement(sql).all(...parameters.map(bindable));
    port.postMessage({ id, rows });
  } catch (error) {
    const { message: text, code } = /** @type {{ message?: unknown; code?: unknown }} */ (
      error ?? {}
    );
    // A fault of the file or its lock (not a query's own error): the next query opens it anew.
    if (typeof code === 'string' && code !== 'SQLITE_ERROR') forget();
    port.postMessage({
      id,
      error: { message: String(text), code: typeof code === 'string' ? code : undefined },
    });
  }
});
