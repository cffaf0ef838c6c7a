/** One line of the notifier's JSON log, in the shape every Wijksignaal process logs. */
export function notifierLogLine(at: Date, level: 'info' | 'warn' | 'error', event: string, fields: object): string {
  return JSON.stringify({ time: at.toISOString(), level, component: 'notifier', event, ...fields });
}
