/** `statement`: the text and its help, nothing to answer. */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import type { Renderer } from './context.js';
import { heading, helpText } from './parts/block.js';

export const statement: Renderer<QuestionOf<'statement'>> = (q, ctx) =>
  html`<div class="statement">
${heading(q, ctx)}
${helpText(q, ctx)}
</div>`;
