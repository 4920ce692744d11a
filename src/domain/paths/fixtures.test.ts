/** Questions for the path tests; named `.test.ts` so the build leaves it out. */
import { questionsSurveySchema, type Question } from '../questions/index.js';

export const { questions } = questionsSurveySchema.parse({
  title: 'Paths',
  questions: [
    {
      id: 'role',
      text: 'Role?',
      choices: [{ id: 'dev', text: 'Developer' }, 'Manager'],
      other: true,
    },
    { id: 'ok', type: 'yesno', text: 'Ok?' },
    { id: 'tools', type: 'multi', text: 'Tools?', choices: ['git', 'vim', 'emacs'] },
    { id: 'age', type: 'number', text: 'Age?', min: 16, max: 99 },
    { id: 'stars', type: 'rating', text: 'Stars?' },
    { id: 'score', type: 'nps', text: 'Score?' },
    { id: 'when', type: 'date', text: 'When?', min: '2026-01-01' },
    {
      id: 'team',
      type: 'grid',
      text: 'Team?',
      rows: [{ id: 'trust', text: 'Trust' }],
      columns: [
        { id: 'low', text: 'Low', value: 1 },
        { id: 'high', text: 'High', value: 5 },
      ],
    },
    { id: 'why', type: 'text', text: 'Why?', required: false },
    { id: 'hello', type: 'statement', text: 'Hello' },
  ],
});

export const byId: ReadonlyMap<string, Question> = new Map(questions.map((q) => [q.id, q]));
