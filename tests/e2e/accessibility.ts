import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Every visible text under 14 px, with its element and size: none is expected (the type scale's floor). */
export const smallText = (page: Page) =>
  page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const ownText = [...element.childNodes].find(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
      );
      if (!ownText || !(element as HTMLElement).getClientRects().length) continue;
      const size = Number.parseFloat(getComputedStyle(element).fontSize);
      if (size < 14)
        small.push(`${element.tagName.toLowerCase()} ${size}px: ${ownText.textContent!.trim().slice(0, 30)}`);
    }
    return small;
  });
