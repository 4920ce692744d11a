/**
 * Public results links (issue 17 item 6): when one stops working. Storage finds only the links
 * that still work; the owner's list shows every link with its state, worked out here.
 */

const DAY_MS = 86_400_000;

export type PublicLinkState = 'active' | 'expired' | 'revoked';

/** A link's state at `at`: revoked wins over expired, since the owner's act is what they did. */
export function publicLinkState(
  link: { readonly expiresAt: Date | null; readonly revokedAt: Date | null },
  at: Date,
): PublicLinkState {
  if (link.revokedAt !== null) return 'revoked';
  if (link.expiresAt !== null && link.expiresAt.getTime() <= at.getTime()) return 'expired';
  return 'active';
}

/** When a link made at `createdAt` to last `days` days expires; undefined: never. */
export function publicLinkExpiry(createdAt: Date, days: number | undefined): Date | undefined {
  return days === undefined ? undefined : new Date(createdAt.getTime() + days * DAY_MS);
}
