/**
 * A list of radios or checkboxes, each a whole-row tap target (`.choice`), and the Other
 * option's text box. The markup of a radio is format 1's, byte for byte.
 */
import {
  MAX_OTHER_LENGTH,
  otherLabel,
  otherValue,
  type Item,
} from '../../../domain/questions/items.js';
import { html, type SafeHtml } from '../../html.js';
import type { RenderContext } from '../context.js';
import { controlId, fieldId } from './ids.js';
import { described, fieldError } from './block.js';
import { picked, typed } from './values.js';

/** One option as shown: the value posted and the text people read. */
export interface ShownOption {
  readonly id: string;
  readonly text: string;
  /** A class added to the option's row (an exclusive choice is set apart). */
  readonly extraClass?: string;
}

/** The options as a `.choices` list; option i gets the i-th control id of the answer field. */
export function optionList(
  type: 'radio' | 'checkbox',
  options: readonly ShownOption[],
  ctx: RenderContext,
  after: SafeHtml | '' = '',
): SafeHtml {
  const name = ctx.names.answer;
  const chosen = picked(ctx.values, name);
  return html`<div class="choices">${options.map((option, i) => {
    const id = controlId(name, i);
    const checked = chosen.includes(option.id) ? ' checked' : '';
    const cls = option.extraClass === undefined ? 'choice' : `choice ${option.extraClass}`;
    return html`<div class="${cls}"><input type="${type}" id="${id}" name="${name}" value="${option.id}"${checked}><label for="${id}">${option.text}</label></div>`;
  })}${after}</div>`;
}

/** The Other option (last, with a value no choice id has), when the question offers one. */
export function otherOption(
  other: boolean | string,
  choices: readonly Item[],
  ctx: RenderContext,
): ShownOption[] {
  return other === false
    ? []
    : [
        {
          id: otherValue(choices),
          text:
            other === true && ctx.messages !== undefined
              ? ctx.messages.t('other')
              : otherLabel(other),
        },
      ];
}

/**
 * The "please specify" box of the Other option. It is always shown (no script reveals it);
 * the server requires it only when Other is chosen.
 */
export function otherBox(other: boolean | string, ctx: RenderContext): SafeHtml | '' {
  if (other === false) return '';
  const name = ctx.names.other;
  const id = fieldId(name);
  return html`<div class="other-text">
<label for="${id}">${ctx.messages?.t('pleaseSpecify') ?? 'Please specify'}</label>
${fieldError(ctx, name)}
<input class="input" type="text" id="${id}" name="${name}" value="${typed(ctx.values, name)}" maxlength="${MAX_OTHER_LENGTH}" dir="auto"${described(ctx, name)}>
</div>`;
}
