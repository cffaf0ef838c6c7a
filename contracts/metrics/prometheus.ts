/**
 * A small Prometheus registry and text-format writer (exposition format 0.0.4), shared by the API and the
 * pipeline so both scrape the same way. Counters, gauges (set, or read when scraped) and histograms with
 * fixed buckets; labels are plain strings. No dependency: the format is a few lines of text per metric.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

/** Request durations in seconds: from a cached answer (sub-millisecond) to a slow export. */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  lines(): string[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  get(labels?: Labels): number;
}

export interface Gauge {
  set(value: number, labels?: Labels): void;
  get(labels?: Labels): number | undefined;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
  /** Observations so far for these labels (for tests and summaries). */
  count(labels?: Labels): number;
}

/** A value read when scraped: one number, or one per label set. */
export type Collect = () => number | null | ReadonlyArray<{ labels: Labels; value: number }>;

export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    const values = new Map<string, { labels: Labels; value: number }>();
    this.#add({ name, help, type: 'counter', lines: () => [...values.values()].map((v) => sample(name, v.labels, v.value)) });
    return {
      inc(labels = {}, by = 1) {
        if (!(by >= 0)) throw new RangeError(`counter ${name} can only go up, got ${by}`);
        const key = labelKey(labels);
        const entry = values.get(key);
        if (entry) entry.value += by;
        else values.set(key, { labels: checkLabels(labels), value: by });
      },
      get: (labels = {}) => values.get(labelKey(labels))?.value ?? 0,
    };
  }

  gauge(name: string, help: string): Gauge {
    const values = new Map<string, { labels: Labels; value: number }>();
    this.#add({ name, help, type: 'gauge', lines: () => [...values.values()].map((v) => sample(name, v.labels, v.value)) });
    return {
      set(value, labels = {}) {
        values.set(labelKey(labels), { labels: checkLabels(labels), value });
      },
      get: (labels = {}) => values.get(labelKey(labels))?.value,
    };
  }

  /** A gauge whose value is read at scrape time (snapshot age, open connections); null writes no sample. */
  gaugeFrom(name: string, help: string, collect: Collect): void {
    this.#add({
      name,
      help,
      type: 'gauge',
      lines: () => {
        const value = collect();
        if (value === null) return [];
        if (typeof value === 'number') return [sample(name, {}, value)];
        return value.map((v) => sample(name, checkLabels(v.labels), v.value));
      },
    });
  }

  histogram(name: string, help: string, buckets: readonly number[] = LATENCY_BUCKETS_SECONDS): Histogram {
    const bounds = [...buckets].sort((a, b) => a - b);
    if (bounds.length === 0 || bounds.some((b) => !Number.isFinite(b))) {
      throw new RangeError(`histogram ${name} needs finite bucket bounds`);
    }
    const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
    this.#add({
      name,
      help,
      type: 'histogram',
      lines: () => {
        const out: string[] = [];
        for (const s of series.values()) {
          // Buckets are cumulative in the format: each counts every observation at or below its bound.
          let cumulative = 0;
          bounds.forEach((bound, i) => {
            cumulative += s.counts[i] ?? 0;
            out.push(sample(`${name}_bucket`, { ...s.labels, le: formatNumber(bound) }, cumulative));
          });
          out.push(sample(`${name}_bucket`, { ...s.labels, le: '+Inf' }, s.count));
          out.push(sample(`${name}_sum`, s.labels, s.sum));
          out.push(sample(`${name}_count`, s.labels, s.count));
        }
        return out;
      },
    });
    return {
      observe(value, labels = {}) {
        const key = labelKey(labels);
        let s = series.get(key);
        if (!s) {
          s = { labels: checkLabels(labels), counts: bounds.map(() => 0), sum: 0, count: 0 };
          series.set(key, s);
        }
        const i = bounds.findIndex((bound) => value <= bound);
        if (i >= 0) s.counts[i] = (s.counts[i] ?? 0) + 1;
        s.sum += value;
        s.count += 1;
      },
      count: (labels = {}) => series.get(labelKey(labels))?.count ?? 0,
    };
  }

  /** The whole registry in the Prometheus text format, metrics in the order they were registered. */
  render(): string {
    const out: string[] = [];
    for (const metric of this.#metrics.values()) {
      out.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`, ...metric.lines());
    }
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }

  #add(metric: Metric): void {
    if (!METRIC_NAME.test(metric.name)) throw new RangeError(`"${metric.name}" is not a valid Prometheus metric name`);
    if (this.#metrics.has(metric.name)) throw new RangeError(`metric ${metric.name} is registered twice`);
    this.#metrics.set(metric.name, metric);
  }
}

function checkLabels(labels: Labels): Labels {
  for (const name of Object.keys(labels)) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new RangeError(`"${name}" is not a valid label name`);
  }
  return { ...labels };
}

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sample(name: string, labels: Labels, value: number): string {
  const entries = Object.entries(labels);
  const rendered = entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
  return `${name}${rendered} ${formatNumber(value)}`;
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
