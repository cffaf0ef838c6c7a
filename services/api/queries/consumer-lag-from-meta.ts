/**
 * The pipeline's consumer lag as stored in `meta`: either one number or a JSON object/array of per-partition
 * lags, which are summed. Null when absent or unreadable.
 */
export function consumerLagFromMeta(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed === 'number') return Number.isFinite(parsed) ? parsed : null;
  if (parsed !== null && typeof parsed === 'object') {
    const values = Object.values(parsed as Record<string, unknown>);
    if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return (values as number[]).reduce((sum, v) => sum + v, 0);
    }
  }
  return null;
}
