import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from './config.js';

/** Where a generated development key is kept, inside the data directory. */
export const SECRET_FILE = 'secret_key';

/**
 * The key that signs sessions. `SECRET_KEY` when set. Otherwise, outside production, a random
 * key generated once and kept in the data directory (mode 0600) so restarts keep sessions
 * valid; in production a missing key is a startup error, because a per-process random key
 * would log everyone out on every deploy and break multi-instance setups.
 */
export async function resolveSecretKey(options: {
  secretKey?: string | undefined;
  production: boolean;
  dataDir: string;
}): Promise<{ key: string; source: 'environment' | 'generated' | 'data-dir' }> {
  if (options.secretKey !== undefined) return { key: options.secretKey, source: 'environment' };
  if (options.production) {
    throw new ConfigError(
      'SECRET_KEY is not set. In production (NODE_ENV=production) set SECRET_KEY to a random string of at least 32 bytes, e.g. the output of: openssl rand -base64 48',
    );
  }
  const file = join(options.dataDir, SECRET_FILE);
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  try {
    // 'wx': never overwrite; if two processes start at once, the loser reads the winner's key.
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = (await readFile(file, 'utf8')).trim();
  if (Buffer.byteLength(stored) < 32)
    throw new ConfigError(
      `${file} holds a key shorter than 32 bytes; delete it to generate a new one.`,
    );
  if (((await stat(file)).mode & 0o077) !== 0) {
    throw new ConfigError(`${file} can be read by other users; run: chmod 600 ${file}`);
  }
  return { key: stored, source: 'data-dir' };
}
