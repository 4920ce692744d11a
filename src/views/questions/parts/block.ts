/**
 * Pieces every renderer shares: the heading, the help and hint small print, the error beside a
 * field, and the `aria-describedby` that ties them to the field (WCAG 1.3.1, 3.3.1).
 */
import { html, type SafeHtml } from '../../html.js';
import type { RenderContext } from '../context.js';
import { errorId, helpId, hintId } from './ids.js';

/** What the heading needs to know of a question (statements have no `required`). */
interface Titled {
  readonly text: string;
  readonly help?: string | undefined;
  readonly required?: boolean;
}

/** The question text as the page's heading, with "(optional)" when it may be left out. */
export function heading(q: Titled, ctx: RenderContext, inner?: SafeHtml, id?: string): SafeHtml {
  const optional = q.required === false ? html` <span class="optional">(optional)</span>` : '';
  const content = inner ?? html`${q.text}${optional}`;
  const idAttr = id === undefined ? '' : html` id="${id}"`;
  return ctx.heading === 'h1'
    ? html`<h1${idAttr}>${content}</h1>`
    : html`<h2${idAttr}>${content}</h2>`;
}

/** The heading's text wrapped in the label of a one-control question. */
export function labelHeading(q: Titled, ctx: RenderContext, forId: string): SafeHtml {
  const optional = q.required === false ? html` <span class="optional">(optional)</span>` : '';
  return heading(q, ctx, html`<label for="${forId}">${q.text}${optional}</label>`);
}

/** The question's `help` as small print under the heading. */
export function helpText(q: Titled, ctx: RenderContext): SafeHtml | '' {
  return q.help === undefined
    ? ''
    : html`<p id="${helpId(ctx.names.answer)}" class="hint">${q.help}</p>`;
}

/** A kind's own hint (limits, how to answer), under the help. */
export function hintText(ctx: RenderContext, hint: string | undefined): SafeHtml | '' {
  return hint === undefined
    ? ''
    : html`<p id="${hintId(ctx.names.answer)}" class="hint">${hint}</p>`;
}

/** The message of field `name`, placed next to it, or nothing. */
export function fieldError(ctx: RenderContext, name: string): SafeHtml | '' {
  const message = ctx.errors[name];
  return message === undefined
    ? ''
    : html`<p id="${errorId(name)}" class="field-error">${message}</p>`;
}

/**
 * ` aria-describedby="…"` naming the given descriptions and the field's error when it has one,
 * then ` aria-invalid="true"` (format 1's attribute order).
 */
export function described(
  ctx: RenderContext,
  name: string,
  ids: readonly (string | undefined)[] = [],
): SafeHtml {
  const invalid = ctx.errors[name] !== undefined;
  const all = [...ids, invalid ? errorId(name) : undefined].filter((id) => id !== undefined);
  const by = all.length === 0 ? '' : html` aria-describedby="${all.join(' ')}"`;
  return html`${by}${invalid ? html` aria-invalid="true"` : ''}`;
}

/** The ids of the question's help and hint, when it shows them. */
export function smallPrintIds(
  q: Titled,
  ctx: RenderContext,
  hint: string | undefined,
): (string | undefined)[] {
  return [
    q.help === undefined ? undefined : helpId(ctx.names.answer),
    hint === undefined ? undefined : hintId(ctx.names.answer),
  ];
}

/**
 * A group of controls: fieldset, legend holding the heading, small print, the answer's error,
 * then `body`. With no help, hint or error this is format 1's markup exactly.
 */
export function group(
  q: Titled,
  ctx: RenderContext,
  body: SafeHtml,
  options: { readonly hint?: string; readonly id?: string; readonly titleId?: string } = {},
): SafeHtml {
  const name = ctx.names.answer;
  // A group that takes the answer field's id is where the error summary's link for the whole
  // question leads; a fieldset takes no focus of its own, so without tabindex the link would
  // scroll to it and leave the focus behind, at the top of the page.
  const idAttr = options.id === undefined ? '' : html` id="${options.id}" tabindex="-1"`;
  const attrs = described(ctx, name, smallPrintIds(q, ctx, options.hint));
  return html`<fieldset${idAttr}${attrs}>
<legend>${heading(q, ctx, undefined, options.titleId)}</legend>
${helpText(q, ctx)}${hintText(ctx, options.hint)}${fieldError(ctx, name)}
${body}
</fieldset>`;
}

/**
 * A one-control question: the heading is the control's label, then small print, the error
 * and the control itself (which carries `described(…)` for these).
 */
export function single(
  q: Titled,
  ctx: RenderContext,
  forId: string,
  hint: string | undefined,
  control: SafeHtml,
): SafeHtml {
  return html`<div class="field">
${labelHeading(q, ctx, forId)}
${helpText(q, ctx)}${hintText(ctx, hint)}${fieldError(ctx, ctx.names.answer)}
${control}
</div>`;
}
