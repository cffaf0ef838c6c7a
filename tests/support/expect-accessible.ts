import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, describeViolations } from './axe-check.ts';

/** axe-core (WCAG 2.1 A/AA) on the page as it stands; soft, so a walk goes on and every finding shows. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect
    .soft(
      violations.map((v) => v.id),
      describeViolations(where, violations),
    )
    .toEqual([]);
}
