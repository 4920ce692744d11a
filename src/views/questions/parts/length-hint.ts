/** What `text` and `longtext` share: the length hint the server's limits imply. */
import type { Messages } from '../../../i18n/index.js';

export function lengthHint(min: number | undefined, max: number, m: Messages): string {
  return min !== undefined && min > 0
    ? m.t('hintLengthBetween', { min, max })
    : m.t('hintLengthUpTo', { max });
}
