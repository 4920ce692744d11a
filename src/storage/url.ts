import { resolve } from 'node:path';

/** Where the data lives, as parsed from `DATABASE_URL` / `--database`. */
export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const ACCEPTED =
  'Accepted forms: sqlite:PATH (relative to the working directory, e.g. sqlite:./data/canvass.db, ' +
  'or absolute, e.g. sqlite:/var/lib/canvass/canvass.db; sqlite::memory: for tests) ' +
  'or postgres://USER:PASSWORD@HOST:PORT/DATABASE.';

/**
 * Parses a database URL, failing with a message that says what is wrong and what is
 * accepted. The URL itself is never echoed: it may carry a password.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', path: parseSqlitePath(url) };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  const found = scheme === undefined ? 'a value without a scheme' : `the scheme "${scheme}:"`;
  throw new Error(`Invalid database URL: found ${found}. ${ACCEPTED}`);
}

function parseSqlitePath(url: string): string {
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') return path;
  if (path.trim() === '')
    throw new Error(`Invalid database URL: sqlite: needs a file path. ${ACCEPTED}`);
  // sqlite://x and sqlite:///x mean different things in different tools (SQLAlchemy,
  // Prisma); refusing them is kinder than guessing which file was meant.
  if (path.startsWith('//')) {
    throw new Error(`Invalid database URL: write sqlite:PATH without "//". ${ACCEPTED}`);
  }
  return resolve(path);
}
