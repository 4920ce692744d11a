/**
 * Everything that runs inside the page rather than in Node. The project's TypeScript lib has no
 * DOM on purpose (server code must not reach for `window`), so the few browser names used here
 * are declared in this module only. No named helper functions inside the callbacks: the test
 * runner's transpiler would wrap them in a `__name` call that does not exist in the page.
 */
import type { Page } from 'playwright-core';

interface PageElement {
  readonly id: string;
  readonly tagName: string;
  readonly textContent: string | null;
  readonly labels?: ArrayLike<PageElement> | null;
  matches(selector: string): boolean;
}
interface AxeRunner {
  run(
    context: unknown,
    options: { runOnly: { type: 'tag'; values: readonly string[] } },
  ): Promise<{ violations: unknown }>;
}
declare const document: {
  readonly activeElement: PageElement | null;
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  readonly cookie: string;
  getAnimations(): readonly { readonly finished: Promise<unknown> }[];
};
declare const window: { readonly axe?: AxeRunner };
declare function getComputedStyle(element: PageElement): {
  readonly outlineStyle: string;
  readonly outlineWidth: string;
  readonly outlineColor: string;
};

/** The focused element as a keyboard user meets it: what it is, and whether they can see it. */
export interface FocusStop {
  readonly element: string;
  /** The element matches `:focus-visible`, the browser's own "show focus" heuristic. */
  readonly focusVisible: boolean;
  /** The outline drawn for it (on the element, or on a choice's card), or '' when there is none. */
  readonly ring: string;
}

/** Describes `document.activeElement`. */
export function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null) return { element: 'none', focusVisible: false, ring: '' };
    // A choice's ring is drawn on its card, the label that follows the radio.
    const labels = el.labels === undefined || el.labels === null ? [] : Array.from(el.labels);
    let ring = '';
    for (const candidate of [el, ...labels]) {
      const s = getComputedStyle(candidate);
      if (ring === '' && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
        ring = `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`;
      }
    }
    const name = el.id === '' ? (el.textContent ?? '').trim().slice(0, 40) : `#${el.id}`;
    return {
      element: `${el.tagName.toLowerCase()} ${name}`,
      focusVisible: el.matches(':focus-visible'),
      ring,
    };
  });
}

/** Whether the focused element matches `selector`. */
export function focusIs(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

/** What page scripts see of the cookies (`document.cookie`). */
export function scriptVisibleCookies(page: Page): Promise<string> {
  return page.evaluate(() => document.cookie);
}

/** Resolves once every running CSS transition and animation on the page has ended. */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
}

/** Runs axe-core (already loaded into the page) with the given rule tags; its violations. */
export function runAxe(page: Page, tags: readonly string[]): Promise<unknown> {
  return page.evaluate(async (values) => {
    if (window.axe === undefined) throw new Error('axe-core is not loaded in the page');
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    return JSON.parse(JSON.stringify(result.violations)) as unknown;
  }, tags);
}

/** How many pixels the page is wider than the window (0 when nothing scrolls sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}
