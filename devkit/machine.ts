// What a measurement ran on, for the line above its figures: the day, the cores, how busy they were and the Node that
// ran it (a shared machine's load moves every timing).
import { cpus, loadavg } from 'node:os';

/** `2026-12-07, 2 cores (Intel(R) Xeon(R) Processor) at a load of 1.2, Node 22.23.5`. */
export function measuredOn(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const load = (loadavg()[0] ?? 0).toFixed(1);
  return `${new Date().toISOString().slice(0, 10)}, ${cores.length} cores (${model}) at a load of ${load}, Node ${process.version.slice(1)}`;
}
