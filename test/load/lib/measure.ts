import { performance } from 'perf_hooks';
import vm from 'vm';
import v8 from 'v8';

/** Latency figures in milliseconds. */
export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  const index = Math.max(0, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.min(index, sorted.length - 1)];
}

export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  if (samplesMs.length === 0) {
    throw new Error('No samples to summarise');
  }
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    max: sorted[sorted.length - 1],
  };
}

/** Runs `fn` and returns its result with the elapsed milliseconds. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

/** Runs `fn` `count` times in sequence, after `warmup` untimed runs. */
export async function sample(
  count: number,
  fn: (i: number) => Promise<unknown>,
  warmup = 0,
): Promise<LatencyStats> {
  for (let i = 0; i < warmup; i++) {
    await fn(i);
  }
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    samples.push((await timed(() => fn(i))).ms);
  }
  return latencyStats(samples);
}

export interface MemorySnapshot {
  phase: string;
  /** Peak resident set size of this process so far, MiB. */
  peakRssMiB: number;
  /** V8 heap in use after a full GC, MiB. */
  heapUsedMiB: number;
}

// A full GC before reading the heap makes "heap used" mean "still retained".
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export function memorySnapshot(phase: string): MemorySnapshot {
  collectGarbage();
  return {
    phase,
    // maxRSS is in KiB.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    heapUsedMiB: process.memoryUsage().heapUsed / 1024 / 1024,
  };
}
