/**
 * `longtext`: a `<textarea>`, `maxlength` from `max` (5,000 by default). A newline follows the
 * start tag because the HTML parser drops the first one there: a text that begins with a line
 * break keeps it when the page is shown again.
 */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import { wordsOf, type Renderer } from './context.js';
import { lengthHint } from './parts/length-hint.js';
import { fieldId } from './parts/ids.js';
import { described, single, smallPrintIds } from './parts/block.js';
import { typed } from './parts/values.js';

export const longtext: Renderer<QuestionOf<'longtext'>> = (q, ctx) => {
  const name = ctx.names.answer;
  const id = fieldId(name);
  const hint = lengthHint(q.min, q.max, wordsOf(ctx));
  return single(
    q,
    ctx,
    id,
    hint,
    html`<textarea id="${id}" name="${name}" rows="8" maxlength="${q.max}" dir="auto"${described(ctx, name, smallPrintIds(q, ctx, hint))}>
${typed(ctx.values, name)}</textarea>`,
  );
};
