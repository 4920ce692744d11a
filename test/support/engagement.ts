/**
 * Forms for the pages of the engagement sample (surveys/engagement.yaml), as a browser posts
 * them (field names prefixed by question id): page 0 about, 1 work (grid + NPS), 2 follow_up
 * (shown after a low answer), 3 contact (shown after `talk: yes`), 4 last.
 */
export type Form = Record<string, string | string[]>;

export const ABOUT: Form = { team: 'Engineering', tenure: 'lt1' };
export const HAPPY: Form = {
  'statements.valued': 'a',
  'statements.growth': 'a',
  'statements.manager': 'sa',
  'statements.workload': 'n',
  recommend: '9',
};
export const UNHAPPY: Form = { ...HAPPY, 'statements.valued': 'sd' };
export const TALK: Form = { improve: ['pay', 'career'], talk: 'yes' };
export const NO_TALK: Form = { improve: ['recognition'], talk: 'no' };
export const CONTACT: Form = { email: 'ada@example.org' };
export const LAST: Form = { anything_else: '' };
