import type { Page } from 'playwright-core';

/** One node of Chromium's accessibility tree, as assistive technology receives it. */
export interface AxNode {
  readonly role: string;
  readonly name: string;
  readonly description: string;
  readonly value: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

interface RawValue {
  readonly value?: unknown;
}
interface RawNode {
  readonly ignored: boolean;
  readonly role?: RawValue;
  readonly name?: RawValue;
  readonly description?: RawValue;
  readonly value?: RawValue;
  readonly properties?: readonly { readonly name: string; readonly value: RawValue }[];
}

function text(v: RawValue | undefined): string {
  const value = v?.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** The page's accessibility tree from Chromium itself (CDP `Accessibility.getFullAXTree`). */
export async function axTree(page: Page): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: RawNode[] };
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => ({
        role: text(n.role),
        name: text(n.name),
        description: text(n.description),
        value: text(n.value),
        properties: Object.fromEntries((n.properties ?? []).map((p) => [p.name, p.value.value])),
      }));
  } finally {
    await cdp.detach();
  }
}
