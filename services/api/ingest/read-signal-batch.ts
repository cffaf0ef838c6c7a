import { ProblemError } from '../http/problem.ts';
import { jsonNestingDepth } from './json-nesting-depth.ts';

export type BatchFormat = 'json' | 'ndjson';

export interface BatchShapeLimits {
  maxBatchItems: number;
  maxJsonDepth: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The two bodies `POST /api/v1/signals` takes; anything else is a 415 problem. */
export function signalBatchFormat(contentType: string | undefined): BatchFormat {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-ndjson') return 'ndjson';
  throw new ProblemError(
    415,
    'send the signals as application/json (an array of signals) or application/x-ndjson (one signal per line)',
  );
}

/**
 * Splits a batch body into one UTF-8 JSON text per signal, exactly what a partner would have produced to
 * Kafka, so the pipeline's per-message validation applies unchanged. Whole-request faults (not UTF-8, too
 * deep, not an array, empty, too many signals) are a 400 problem; a bad NDJSON line is left for per-item
 * validation, like a bad Kafka message. Never quotes the body.
 */
export function readSignalBatch(body: Uint8Array, format: BatchFormat, limits: BatchShapeLimits): Uint8Array[] {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ProblemError(400, 'the body is not valid UTF-8; send the signals as UTF-8 JSON');
  }
  const depth = jsonNestingDepth(text, limits.maxJsonDepth);
  if (depth > limits.maxJsonDepth) {
    throw new ProblemError(
      400,
      `the body nests arrays or objects deeper than ${limits.maxJsonDepth} levels; a signal is one flat object`,
    );
  }
  const items = format === 'json' ? jsonArrayItems(text) : ndjsonLines(text);
  if (items.length === 0) throw new ProblemError(400, 'the batch holds no signals; send 1 to ' + limits.maxBatchItems);
  if (items.length > limits.maxBatchItems) {
    throw new ProblemError(
      400,
      `the batch holds ${items.length} signals; send at most ${limits.maxBatchItems} per request and the rest in further requests`,
    );
  }
  return items;
}

function jsonArrayItems(text: string): Uint8Array[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    const where = position === undefined ? '' : ` (at character ${position})`;
    throw new ProblemError(400, `the body is not valid JSON${where}; send a JSON array of signals`);
  }
  if (!Array.isArray(parsed)) {
    throw new ProblemError(400, 'the body must be a JSON array of signals (or use application/x-ndjson, one per line)');
  }
  return parsed.map((item) => Buffer.from(JSON.stringify(item) ?? '', 'utf8'));
}

function ndjsonLines(text: string): Uint8Array[] {
  const lines: Uint8Array[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() === '') continue;
    lines.push(Buffer.from(trimmed, 'utf8'));
  }
  return lines;
}
