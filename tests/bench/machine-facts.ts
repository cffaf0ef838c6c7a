import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  loadAverage: [number, number, number];
  memoryGb: number;
  freeMemoryGb: number;
  node: string;
}

/** What the figures were measured on: these machines are shared, so the load at the start matters. */
export function machineFacts(): MachineFacts {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    loadAverage: [round2(one), round2(five), round2(fifteen)],
    memoryGb: round2(totalmem() / 2 ** 30),
    freeMemoryGb: round2(freemem() / 2 ** 30),
    node: process.version,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
