import assert from 'node:assert/strict';
import type { Browser } from './browser.js';

/** The admin password test apps are started with. */
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** Logs `browser` in through the form, asserting the 303 to the dashboard. */
export async function logInAsAdmin(browser: Browser, password = ADMIN_PASSWORD): Promise<void> {
  assert.equal((await browser.get('/admin/login')).status, 200);
  const response = await browser.post('/admin/login', { password });
  assert.equal(response.status, 303);
  assert.equal(response.location, '/admin');
}
