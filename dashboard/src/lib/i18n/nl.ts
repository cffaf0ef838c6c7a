import { nlGeneral } from './nl-general.ts';
import { nlAlarmsAndPriorities } from './nl-alarms-and-priorities.ts';
import { nlWijkPage } from './nl-wijk-page.ts';
import { nlDeliveryAndHistory } from './nl-delivery-and-history.ts';

/** Every text the dashboard shows, in Dutch (the first language). `{name}` marks a value filled in by `t`. */
export const nl = { ...nlGeneral, ...nlAlarmsAndPriorities, ...nlWijkPage, ...nlDeliveryAndHistory } as const;

export type MessageKey = keyof typeof nl;
export type Catalogue = Record<MessageKey, string>;
