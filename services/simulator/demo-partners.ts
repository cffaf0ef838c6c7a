import { DEMO_PARTNERS as DEMO_PARTNER_IDS } from '@wijksignaal/contracts/demo-partners';
import type { SourceKind } from '@wijksignaal/contracts/signal';

export { DEMO_PARTNER_IDS };

/** A partner organisation of the demo: its registered id and the kind of professionals behind it. */
export interface DemoPartner {
  id: string;
  name: string;
  sourceKind: SourceKind;
}

type DemoPartnerId = (typeof DEMO_PARTNER_IDS)[number];

// Keyed by the ids the pipeline registers (contracts/demo-partners.ts), so the two can never drift apart.
const PROFILES: Record<DemoPartnerId, Omit<DemoPartner, 'id'>> = {
  'demo-partner': { name: 'Demo wijkteam', sourceKind: 'social_team' },
  'thuiszorg-demo': { name: 'Demo thuiszorg en wijkverpleging', sourceKind: 'home_care' },
  'school-demo': { name: 'Demo scholen (verzuimregistratie)', sourceKind: 'school' },
  'politie-demo': { name: 'Demo politie (wijkagenten)', sourceKind: 'police' },
  'jongerenwerk-demo': { name: 'Demo jongerenwerk', sourceKind: 'youth_work' },
};

/** The partners the demo streams as, each with the source kind its signals carry. */
export const DEMO_PARTNERS: readonly DemoPartner[] = DEMO_PARTNER_IDS.map((id) => ({ id, ...PROFILES[id] }));
