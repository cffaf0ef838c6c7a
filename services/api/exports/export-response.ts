import { open, stat } from 'node:fs/promises';
import type { ExportFile, ExportFormat } from './export-file.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  parquet: 'application/vnd.apache.parquet',
};

const CHUNK_BYTES = 64 * 1024;

/**
 * The export file as a download: for CSV the metadata first as `#` comment lines (most CSV readers skip
 * them with a comment option), then DuckDB's output. The file is deleted once it has been sent or the
 * download is cancelled.
 */
export async function exportResponse(
  file: ExportFile,
  format: ExportFormat,
  options: { fileName: string; metadata: Readonly<Record<string, string>>; headers: Record<string, string> },
): Promise<Response> {
  const prefix = format === 'csv' ? new TextEncoder().encode(commentLines(options.metadata)) : new Uint8Array();
  let size: number;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    size = (await stat(file.path)).size;
    handle = await open(file.path, 'r');
  } catch (error) {
    await file.remove();
    throw error;
  }
  let done = false;
  const finish = async () => {
    if (done) return;
    done = true;
    await handle.close();
    await file.remove();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (prefix.length > 0) controller.enqueue(prefix);
    },
    async pull(controller) {
      const buffer = new Uint8Array(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) {
        controller.close();
        await finish();
      } else {
        controller.enqueue(buffer.subarray(0, bytesRead));
      }
    },
    cancel: finish,
  });
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Length': String(prefix.length + size),
      'Content-Disposition': `attachment; filename="${options.fileName}"`,
      ...options.headers,
    },
  });
}

/** `# key: value` per metadata entry; values are our own (codes, numbers, sentences), one line each. */
export function commentLines(metadata: Readonly<Record<string, string>>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `# ${key}: ${value.replace(/[\r\n]+/g, ' ')}\n`)
    .join('');
}
