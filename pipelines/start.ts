import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { PIPELINE_ENTRY, pipelineProcess } from '@wijksignaal/contracts/pipeline-process';

/**
 * `npm run pipeline`: starts main.ts in a process of its own with the pipeline's process settings
 * (contracts/pipeline-process.ts), passing the arguments through and the stop signals on, and exits with its code.
 */
const settings = pipelineProcess(process.env);
const child = spawn(process.execPath, [...settings.nodeFlags, '--import', 'tsx', PIPELINE_ENTRY, ...process.argv.slice(2)], {
  cwd: resolve(import.meta.dirname, '..'),
  env: { ...process.env, ...settings.env },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
