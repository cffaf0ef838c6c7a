import type { Catalogue } from './nl.ts';
import { enGeneral } from './en-general.ts';
import { enAlarmsAndPriorities } from './en-alarms-and-priorities.ts';
import { enWijkPage } from './en-wijk-page.ts';
import { enDeliveryAndHistory } from './en-delivery-and-history.ts';

/** English, the second language; the keys must match nl.ts. */
export const en: Catalogue = { ...enGeneral, ...enAlarmsAndPriorities, ...enWijkPage, ...enDeliveryAndHistory };
