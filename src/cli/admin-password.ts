import { randomBytes } from 'node:crypto';

/**
 * The password for `/admin`. `ADMIN_PASSWORD` when set. Otherwise, outside production, a
 * random one for this run, printed once at startup so a developer can log in; in production
 * the admin area stays closed (and says so) rather than open with a password nobody saw.
 */
export function resolveAdminPassword(
  options: { adminPassword?: string | undefined; production: boolean },
  err: NodeJS.WritableStream = process.stderr,
): string | undefined {
  if (options.adminPassword !== undefined) return options.adminPassword;
  if (options.production) {
    err.write('ADMIN_PASSWORD is not set: the admin area (/admin) is disabled.\n');
    return undefined;
  }
  const generated = randomBytes(18).toString('base64url');
  err.write(`Admin password for this run: ${generated} (set ADMIN_PASSWORD to choose your own).\n`);
  return generated;
}
