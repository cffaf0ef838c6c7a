import { writeFile } from 'node:fs/promises';
import { formatReplay } from './format-replay.ts';
import { replayAlarms } from './replay-alarms.ts';
import { parseReplayOptions } from './replay-options.ts';

/**
 * `npm run replay -- --from 2024-W01 --to 2024-W20 [--theme T] [--wijk W] [--set farrington.alpha=0.01]`:
 * re-runs detection for a period from a live file's cube, read-only, and prints the alarms it raises
 * against the stored alarm events (same / new / gone / changed); `--json file` writes the report too.
 * Exit code 0 when everything is the same, 1 when there is a difference, 2 on a mistake (one line on stderr).
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseReplayOptions(argv, new Date(), process.env);
  const report = await replayAlarms(options);
  process.stdout.write(formatReplay(report));
  if (options.json !== undefined) await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.alarms.every((a) => a.status === 'same') ? 0 : 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`replay: ${message.split('\n')[0]}\n`);
  process.exitCode = 2;
});
