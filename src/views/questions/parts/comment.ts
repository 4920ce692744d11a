/**
 * The optional comment of `allowText`. A format-1 question keeps today's box byte for byte
 * (browser tests and cached pages rely on it); every other question's box also gets
 * `dir="auto"`, so a comment typed in a right-to-left script shows the right way round.
 */
import { MAX_COMMENT_LENGTH } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';
import { wordsOf, type RenderContext } from '../context.js';
import { controlId, errorId } from './ids.js';
import { typed } from './values.js';

export function commentBox(
  allowText: true | string,
  ctx: RenderContext,
  format1: boolean,
): SafeHtml {
  const name = ctx.names.comment;
  const id = controlId(name, 0);
  const error = ctx.errors[name];
  const invalid =
    error === undefined ? '' : html` aria-describedby="${errorId(name)}" aria-invalid="true"`;
  const words = wordsOf(ctx);
  const label = allowText === true ? words.t('tellUsMore') : allowText;
  const optional = words.t('commentOptional', { max: MAX_COMMENT_LENGTH });
  // Format 1 keeps its markup; elsewhere a newline after the start tag (which the HTML parser
  // drops) keeps a comment's own leading line break when it is shown again.
  const dir = format1 ? '' : html` dir="auto"`;
  const lead = format1 ? '' : '\n';
  return html`<div class="comment">
<label for="${id}">${label} <span class="optional">${optional}</span></label>
${error === undefined ? '' : html`<p id="${errorId(name)}" class="field-error">${error}</p>`}
<textarea id="${id}" name="${name}" rows="4"${dir}${invalid}>${lead}${typed(ctx.values, name)}</textarea>
</div>`;
}
