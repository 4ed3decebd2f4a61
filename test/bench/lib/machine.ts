// What the figures were measured on: ratios travel between machines, absolute figures do not.
import { cpus, platform, release, totalmem } from 'node:os';

export interface MachineFacts {
  node: string;
  platform: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryMb: number;
}

export function machineFacts(): MachineFacts {
  const cores = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpuModel: cores[0]?.model ?? 'unknown',
    cpuCount: cores.length,
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
  };
}
