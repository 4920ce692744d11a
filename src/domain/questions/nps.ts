/**
 * `nps`: Net Promoter Score, 11 radios `0`…`10`. Promoters answer 9–10, passives 7–8,
 * detractors 0–6; the score is %promoters − %detractors (−100…100), as Bain defines it.
 */
import type { z } from 'zod';
import { head, scaleLabels, strict, tail } from './common.js';
import type { QuestionKind } from './kind.js';
import { parsePoint, point, pointSummary } from './scale.js';
import { numbersOf, round1 } from './summary.js';

export const npsSchema = strict({ ...head('nps'), labels: scaleLabels, ...tail() });

export type NpsQuestion = z.output<typeof npsSchema>;

export const nps = {
  schema: npsSchema,
  answerable: true,
  several: false,
  parse: (form, q, ctx) => parsePoint(form, ctx, 0, 10, q.required),
  ...point,
  figures: ['choices', 'nps'],
  summarise(responses) {
    const values = numbersOf(responses);
    const promoters = values.filter((v) => v >= 9).length;
    const detractors = values.filter((v) => v <= 6).length;
    const { answered, choices } = pointSummary(responses, 0, 10);
    return {
      answered,
      ...(choices === undefined ? {} : { choices }),
      nps: {
        score:
          values.length === 0 ? null : round1(((promoters - detractors) / values.length) * 100),
        promoters,
        passives: values.length - promoters - detractors,
        detractors,
      },
    };
  },
} as const satisfies QuestionKind<NpsQuestion, number>;
