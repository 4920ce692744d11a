/**
 * `email`: an address, checked on the server. The check is the WHATWG one `<input
 * type=email>` applies (HTML §4.10.5.1.5), so the server accepts exactly what browsers
 * accept; it says nothing about whether the mailbox exists.
 */
import type { z } from 'zod';
import { head, strict, tail } from './common.js';
import { oneString, parseText } from './free-text.js';
import type { QuestionKind } from './kind.js';

// RFC 5321 caps a path at 256 octets, so a longer address can never be delivered.
const MAX_EMAIL = 254;

const WHATWG_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const emailSchema = strict({ ...head('email'), ...tail() });

export type EmailQuestion = z.output<typeof emailSchema>;

export const email = {
  schema: emailSchema,
  answerable: true,
  several: false,
  parse(form, q, ctx) {
    const result = parseText(form, { required: q.required, max: MAX_EMAIL }, ctx);
    if (!result.ok || result.value === null) return result;
    // Browsers trim the value of an email input; a pasted address often carries spaces.
    const address = result.value.trim();
    return WHATWG_EMAIL.test(address)
      ? { ok: true, value: address }
      : {
          ok: false,
          errors: { [ctx.names.answer]: ctx.m.t('enterEmail') },
        };
  },
  ...oneString,
} as const satisfies QuestionKind<EmailQuestion, string>;
