export * from './topics.ts';
export * from './iso-week.ts';
export * from './signal.ts';
export * from './population.ts';
export * from './area.ts';
export * from './snapshot.ts';
export * from './http.ts';
export * from './demo-partners.ts';
