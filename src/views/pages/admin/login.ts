import { html } from '../../html.js';
import type { Page } from '../../layout.js';
import { csrfField } from '../parts.js';

/** What the login page says besides the form. */
export type LoginState =
  | { readonly kind: 'form' }
  | { readonly kind: 'wrong-password' }
  | { readonly kind: 'too-many-attempts'; readonly retryAfterSeconds: number }
  | { readonly kind: 'disabled' };

function message(state: LoginState): string | undefined {
  switch (state.kind) {
    case 'form':
      return undefined;
    case 'wrong-password':
      return 'That password is not correct.';
    case 'too-many-attempts':
      return `Too many failed attempts. Please wait ${Math.max(1, Math.ceil(state.retryAfterSeconds / 60))} minute(s) and try again.`;
    case 'disabled':
      return 'The admin area is turned off: set ADMIN_PASSWORD and restart Canvass to use it.';
  }
}

/** `GET /admin/login`: one password field, posted with the session's CSRF token. */
export function loginPage(state: LoginState, csrf: string): Page {
  const error = message(state);
  return {
    title: `${error === undefined ? '' : 'Error: '}Admin login`,
    body: html`<h1>Admin login</h1>
${error === undefined ? '' : html`<p id="password-error" class="field-error" role="alert">${error}</p>`}
<form method="post" action="/admin/login" class="login-form">
${csrfField(csrf)}
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${error === undefined ? '' : html` aria-describedby="password-error" aria-invalid="true"`}>
<button type="submit" class="button button-primary">Log in</button>
</form>
`,
  };
}
