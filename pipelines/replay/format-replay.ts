import type { EventBrief } from './compare-replay.ts';
import type { ReplayReport } from './replay-alarms.ts';

const events = (list: readonly EventBrief[]) =>
  list.length === 0 ? '—' : list.map((e) => `${e.kind} ${e.week} ${e.level} (${e.methodVersion})`).join(', ');

/** The report as text: a header, the counts, then one block per alarm that is not the same. */
export function formatReplay(report: ReplayReport): string {
  const scope = [report.theme && `theme ${report.theme}`, report.wijk && `wijk ${report.wijk}`].filter(Boolean).join(', ');
  const lines = [
    `replay ${report.from}..${report.to}${scope ? ` (${scope})` : ''} from the current cube of ${report.db}, k=${report.k}, ` +
      `settings: ${report.changed.length === 0 ? 'as the pipeline runs' : report.changed.join(' ')}`,
    `same ${report.summary.same} · new ${report.summary.new} · gone ${report.summary.gone} · changed ${report.summary.changed}`,
  ];
  for (const alarm of report.alarms) {
    if (alarm.status === 'same') continue;
    lines.push(`${alarm.status.padEnd(7)} ${alarm.alarmId}`);
    lines.push(`  stored:   ${events(alarm.stored)}`);
    lines.push(`  replayed: ${events(alarm.replayed)}`);
    if (alarm.countsChanged.length > 0) {
      lines.push(`  counts changed since the stored event's offsets in ${alarm.countsChanged.join(', ')} (late data, not only the method)`);
    }
  }
  return `${lines.join('\n')}\n`;
}
