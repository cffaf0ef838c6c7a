import type { Theme } from '@wijksignaal/contracts/signal';

/** A subscription as the snapshot's `subscriptions` table holds it, its JSON lists parsed. */
export interface Subscription {
  id: string;
  /** The subject (token `sub`) of who made it. */
  owner: string;
  wijken: readonly string[];
  gemeenten: readonly string[];
  /** Empty: every theme. */
  themes: readonly Theme[];
  /** Null: the dashboard only. */
  webhookUrl: string | null;
}

/** Where and about what an alarm event is. */
export interface AlarmPlace {
  wijk: string;
  gemeente: string;
  theme: string;
}

/** A subscription follows an alarm when its wijk is listed or lies in a listed gemeente, and its theme is listed or none are. */
export function matchesSubscription(subscription: Subscription, place: AlarmPlace): boolean {
  const area = subscription.wijken.includes(place.wijk) || subscription.gemeenten.includes(place.gemeente);
  const theme = subscription.themes.length === 0 || (subscription.themes as readonly string[]).includes(place.theme);
  return area && theme;
}
