/**
 * Escape-by-default HTML templates (after Hono's `utils/html.ts`).
 *
 * `html\`…\`` escapes every interpolated value unless it is already `SafeHtml` (the result of
 * another `html` template). The one way to emit unescaped markup is `dangerouslyRawHtml`, so
 * every such place can be found with grep.
 */

/** Markup that is safe to emit as is. Only `html` and `dangerouslyRawHtml` create it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into a template: text is escaped, `SafeHtml` is kept, lists are joined. */
export type HtmlValue =
  SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most text needs no escaping; skipping the replace keeps the hot path allocation-free.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? c) : text;
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  let out = '';
  for (const item of value) out += render(item);
  return out;
}

/** Builds markup from a template; every interpolation is escaped unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Emits `markup` without escaping. Only for markup the program itself made, never for input. */
export function dangerouslyRawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
