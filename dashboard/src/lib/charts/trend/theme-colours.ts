import type { Theme } from '@wijksignaal/contracts/signal';

/** One colour per theme, each at least 3:1 against white (WCAG 1.4.11); headings, not colour, name the theme. */
export const THEME_COLOURS: Record<Theme, string> = {
  loneliness: '#1f78b4',
  school_absence: '#6a3d9a',
  escalation: '#b15928',
};
