/** What `text` and `longtext` share: the length hint the server's limits imply. */
import { formatCount } from '../../../domain/index.js';

export function lengthHint(min: number | undefined, max: number): string {
  return min !== undefined && min > 0
    ? `Between ${formatCount(min)} and ${formatCount(max)} characters.`
    : `Up to ${formatCount(max)} characters.`;
}
