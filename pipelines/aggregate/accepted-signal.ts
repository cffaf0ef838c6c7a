import type { Signal } from '@wijksignaal/contracts/signal';

/** A validated signal with where it came from and which wijk and gemeente it counts for. */
export interface AcceptedSignal {
  signal: Signal;
  wijk: string;
  gemeente: string;
  /** Monday (YYYY-MM-DD) of the signal's ISO week, the form weeks are stored in. */
  weekMonday: string;
  partition: number;
  offset: string;
  /** Worked out where the signal was validated (a worker), so the pipeline's thread need not: */
  /** its packed cell key (`cellKey`), */
  cell?: number;
  /** its record key (`recordKeys` of the live database's secret), */
  recordKey?: number;
  /** and the id filter's hash of its id (`hashId`). */
  idHash?: number;
  /** When the partner delivered it: the Kafka message timestamp (ms), for the data-quality figures. */
  deliveredAt?: number;
}
