/**
 * What `rating` and `nps` share: a row of numbered radios with the end labels under it. The
 * labels are shown once, hidden from screen readers there, and read instead as part of the
 * end points' names ("1: Poor"), where they say what the number means.
 */
import { html, type SafeHtml } from '../../html.js';
import type { RenderContext } from '../context.js';
import { controlId } from './ids.js';
import { picked } from './values.js';

export interface ScaleLabels {
  readonly low?: string | undefined;
  readonly high?: string | undefined;
}

function pointLabel(n: number, extra: string | undefined): SafeHtml {
  return extra === undefined
    ? html`${n}`
    : html`${n}<span class="visually-hidden">: ${extra}</span>`;
}

export function scale(
  lo: number,
  hi: number,
  labels: ScaleLabels | undefined,
  ctx: RenderContext,
): SafeHtml {
  const name = ctx.names.answer;
  const chosen = picked(ctx.values, name);
  const points = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).map((n, i) => {
    const id = controlId(name, i);
    const extra = n === lo ? labels?.low : n === hi ? labels?.high : undefined;
    const checked = chosen.includes(String(n)) ? ' checked' : '';
    return html`<div class="point"><input type="radio" id="${id}" name="${name}" value="${n}"${checked}><label for="${id}">${pointLabel(n, extra)}</label></div>`;
  });
  const ends =
    labels?.low === undefined && labels?.high === undefined
      ? ''
      : html`<div class="scale-ends" aria-hidden="true"><span>${labels.low ?? ''}</span><span>${labels.high ?? ''}</span></div>`;
  return html`<div class="scale"><div class="scale-points">${points}</div>${ends}</div>`;
}
