import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { animationsSettled, runAxe, sidewaysOverflow } from './in-page.js';

// Evaluated over the DevTools protocol rather than added as a <script>: CDP evaluation is not
// subject to the page's Content-Security-Policy, which forbids inline scripts.
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The WCAG 2.1 A and AA rule sets: what "accessible" means for Canvass. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly {
    readonly target: readonly unknown[];
    readonly failureSummary?: string;
  }[];
}

/** Runs axe-core on the page as it is now; returns one readable line per failing node. */
export async function axeViolations(page: Page): Promise<string[]> {
  if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(AXE_SOURCE);
  const violations = (await runAxe(page, WCAG_21_AA)) as Violation[];
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${JSON.stringify(n.target)}\n    ${(n.failureSummary ?? '').replaceAll('\n', '\n    ')}`,
    ),
  );
}

const WIDTHS = { phone: { width: 375, height: 740 }, desktop: { width: 1280, height: 800 } };

/**
 * The page as it is now, at the window's width: no sideways scrolling (WCAG 1.4.10, reflow), and
 * no axe violations in light or in dark mode. WHAT names the page in a failure.
 */
export async function assertAccessibleHere(page: Page, what: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  assert.equal(await sidewaysOverflow(page), 0, `${what} scrolls sideways at ${width} px`);
  await assertNoViolationsInEitherScheme(page, what);
}

/** No axe violations in light mode, then in dark mode (the same page re-rendered: contrast). */
async function assertNoViolationsInEitherScheme(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    // Colours change through a short CSS transition, which the stylesheet leaves out when the
    // reader asks for reduced motion: the colours are the same, reached at once, so contrast is
    // measured without waiting ~150 ms a scheme for each transition to end (still awaited, in
    // case a page ever animates regardless).
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await animationsSettled(page);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${what}, ${colorScheme} mode:\n${violations.join('\n')}`);
  }
}

/**
 * The page as Canvass means "accessible": no axe violations in light or dark mode at phone and
 * desktop width, and no sideways scrolling on a phone, nor at 320 px, the width WCAG 1.4.10
 * (reflow) names (a grid scrolls inside its own region).
 */
export async function assertAccessible(page: Page): Promise<void> {
  for (const width of [320, 375]) {
    await page.setViewportSize({ width, height: 740 });
    assert.equal(await sidewaysOverflow(page), 0, `${page.url()} scrolls sideways at ${width} px`);
  }
  for (const [width, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await assertNoViolationsInEitherScheme(page, `${page.url()} at ${width}`);
  }
}
