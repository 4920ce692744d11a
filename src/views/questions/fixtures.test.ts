/**
 * Helpers for the renderer tests; named `.test.ts` so the build leaves it out. `posted` reads
 * rendered markup the way a browser builds the form data set (HTML §4.10.21.4), so a test can
 * check that what a page shows is what its kind's `parse` reads back.
 */
import {
  questionsSurveySchema,
  singleQuestionNames,
  type FieldNames,
  type FormFields,
  type Kind,
  type QuestionOf,
} from '../../domain/questions/index.js';
import type { RenderContext } from './context.js';

/** One validated question of kind `type` (id `q1`). */
export function question<K extends Kind>(
  type: K,
  keys: Record<string, unknown> = {},
): QuestionOf<K> {
  const survey = questionsSurveySchema.parse({
    title: 't',
    questions: [{ type, text: 'Q', ...keys }],
  });
  return survey.questions[0] as QuestionOf<K>;
}

export function context(
  extra: Partial<RenderContext> = {},
  names: FieldNames = singleQuestionNames,
): RenderContext {
  return { names, values: {}, errors: {}, responseId: 1, heading: 'h1', ...extra };
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

export type Attributes = ReadonlyMap<string, string>;

export function attributes(source: string): Attributes {
  return new Map(
    [...source.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((m) => [
      m[1] ?? '',
      unescape(m[2] ?? ''),
    ]),
  );
}

/** Every element of `tag` with its attributes, in document order. */
export function elements(markup: string, tag: string): Attributes[] {
  return [...markup.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    attributes(m[1] ?? ''),
  );
}

/** Every `id` in the markup. */
export function ids(markup: string): string[] {
  return [...markup.matchAll(/\sid="([^"]*)"/g)].map((m) => unescape(m[1] ?? ''));
}

/** The form data a browser would post for the controls in `markup` (no button pressed). */
export function posted(markup: string): FormFields {
  const found: { at: number; name: string; value: string }[] = [];
  for (const m of markup.matchAll(/<input\b([^>]*)>/g)) {
    const a = attributes(m[1] ?? '');
    const type = a.get('type') ?? 'text';
    if ((type === 'radio' || type === 'checkbox') && !a.has('checked')) continue;
    found.push({
      at: m.index,
      name: a.get('name') ?? '',
      value: a.get('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''),
    });
  }
  for (const m of markup.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    // The HTML parser drops one newline right after the start tag.
    const text = unescape(m[2] ?? '').replace(/^\n/, '');
    found.push({ at: m.index, name: attributes(m[1] ?? '').get('name') ?? '', value: text });
  }
  for (const m of markup.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const options = [...(m[2] ?? '').matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map(
      (o) => ({
        attrs: attributes(o[1] ?? ''),
        text: unescape(o[2] ?? ''),
      }),
    );
    // A single select with nothing selected sends its first option.
    const chosen = options.find((o) => o.attrs.has('selected')) ?? options[0];
    if (chosen !== undefined) {
      found.push({
        at: m.index,
        name: attributes(m[1] ?? '').get('name') ?? '',
        value: chosen.attrs.get('value') ?? chosen.text,
      });
    }
  }
  const form: Record<string, string | string[]> = {};
  for (const { name, value } of found.sort((a, b) => a.at - b.at)) {
    const had = form[name];
    form[name] = had === undefined ? value : [...(typeof had === 'string' ? [had] : had), value];
  }
  return form;
}
