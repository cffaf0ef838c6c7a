import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, the legal floor of the dashboard (DESIGN.md §8). */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page as it is now. The script goes in through the DevTools protocol (page.evaluate),
 * so the page's own Content-Security-Policy stays on and is tested along with everything else.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (tags) => {
      // Runs in the page: the browser's axe and document (this project compiles without the DOM library).
      const { axe, document } = globalThis as unknown as {
        axe: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> };
        document: unknown;
      };
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    [...WCAG_21_AA_TAGS],
  );
}

/** One readable block per violation: rule, what it asks, and the elements (at most five) that break it. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no WCAG 2.1 A/AA violations`;
  const blocks = violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `    ${JSON.stringify(n.target)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
      );
    const more = v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : [];
    return [`  ${v.id} (${v.impact ?? 'n/a'}): ${v.help} <${v.helpUrl}>`, ...nodes, ...more].join('\n');
  });
  return `${where}: ${violations.length} WCAG 2.1 A/AA violation(s)\n${blocks.join('\n')}`;
}

/**
 * Elements that make the page scroll beyond its own content: sideways past the window, or below the end of
 * the body (typically an absolutely positioned, visually hidden text escaping the scroll box it sits in).
 * A CSS path and the offending edge of each, at most ten; empty when the page is as big as its content.
 */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface Box {
      right: number;
      bottom: number;
    }
    interface El {
      tagName: string;
      id: string;
      classList: { value: string };
      children: ArrayLike<El>;
      parentElement: El | null;
      getBoundingClientRect(): Box;
    }
    const { document, innerWidth, scrollY } = globalThis as unknown as {
      document: { body: El; documentElement: { scrollWidth: number; clientWidth: number; scrollHeight: number } };
      innerWidth: number;
      scrollY: number;
    };
    const root = document.documentElement;
    const bodyBottom = document.body.getBoundingClientRect().bottom + scrollY;
    const tooWide = root.scrollWidth > root.clientWidth;
    const tooTall = root.scrollHeight > Math.max(bodyBottom, (globalThis as unknown as { innerHeight: number }).innerHeight) + 1;
    if (!tooWide && !tooTall) return [];
    const name = (el: El) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.value ? `.${el.classList.value.trim().split(/\s+/).join('.')}` : ''}`;
    const path = (el: El) => {
      const parts: string[] = [];
      for (let at: El | null = el; at && parts.length < 4; at = at.parentElement) parts.unshift(name(at));
      return parts.join(' > ');
    };
    const sticksOut = (el: El) => {
      const box = el.getBoundingClientRect();
      return (tooWide && box.right > innerWidth + 1) || (tooTall && box.bottom + scrollY > bodyBottom + 1);
    };
    const found: string[] = [];
    const visit = (el: El) => {
      if (found.length >= 10) return;
      const children = Array.from(el.children);
      if (sticksOut(el) && !children.some(sticksOut)) {
        const box = el.getBoundingClientRect();
        found.push(
          `${path(el)} (right ${Math.round(box.right)} px of ${innerWidth}, bottom ${Math.round(box.bottom + scrollY)} px of ${Math.round(bodyBottom)})`,
        );
        return;
      }
      children.forEach(visit);
    };
    visit(document.body);
    return found.length > 0
      ? found
      : [`the page is ${root.scrollWidth}×${root.scrollHeight} px, its content ${innerWidth}×${Math.round(bodyBottom)}`];
  });
}
