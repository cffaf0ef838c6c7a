/**
 * The Kafka key of a signal: its wijk code, so one district's signals stay in order on one partition.
 * A buurt code BUggggwwbb belongs to wijk WKggggww.
 */
export function wijkCodeOf(area: string): string {
  return area.startsWith('BU') ? `WK${area.slice(2, 8)}` : area;
}
