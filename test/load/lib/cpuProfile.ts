/*
 * Where a backend's CPU goes while it serves requests: its process CPU time
 * read from /proc (cheap enough for every measurement), and a V8 CPU profile
 * (`--profile DIR` of the full-stack benchmark) summed into the parts of a
 * request the throughput issue asks about.
 */
import fs from 'fs';

/** User plus system CPU milliseconds a process has used so far (Linux). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 here).
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/** `getconf CLK_TCK`: 100 on every Linux Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** The `.cpuprofile` format written by V8's Profiler.stop. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * The parts of a request, in the order a stack is matched: the first part
 * whose test matches any frame of a sample's stack (leaf first) takes the
 * sample. Order matters: a JSON.stringify inside the permission client is the
 * permission request's cost, so callers' parts come after the leaf parts.
 */
const PARTS: Array<[string, (frame: ProfileNode['callFrame']) => boolean]> = [
  ['garbage collection', f => f.functionName === '(garbage collector)'],
  ['idle', f => f.functionName === '(idle)' || f.functionName === '(program)'],
  ['compression (gzip)', f => /zlib|compression/.test(f.url)],
  ['token verification (jose)', f => /node_modules\/jose\//.test(f.url)],
  [
    'permission request (client and permission backend)',
    f =>
      /plugin-permission-(node|backend|common)|permission-backend/.test(f.url),
  ],
  [
    'database driver (pg, knex)',
    f => /node_modules\/(pg|pg-protocol|knex)\//.test(f.url),
  ],
  [
    'Agent Risk: visibility',
    f => /agent-risk-backend\/src\/permissions\//.test(f.url),
  ],
  ['Agent Risk: request parsing (zod)', f => /node_modules\/zod\//.test(f.url)],
  [
    'Agent Risk: read model',
    f => /agent-risk-backend\/src\/(queries|http)\//.test(f.url),
  ],
  ['catalog', f => /plugin-catalog-backend/.test(f.url)],
  [
    'auth service (credentials)',
    f => /backend-defaults\/.*\/(auth|httpAuth)/.test(f.url),
  ],
  ['JSON', f => /^(stringify|parse|JSON\.|serialize)/.test(f.functionName)],
  [
    'HTTP and express',
    f =>
      /node_modules\/(express|router|body-parser|undici)\/|^node:(_http|http|net|stream|internal\/(http|streams|stream_base))/.test(
        f.url,
      ),
  ],
];

export interface ProfileSummary {
  /** Sampled CPU milliseconds in all (idle excluded). */
  busyMs: number;
  parts: Array<{ part: string; ms: number }>;
  /** The functions with the most self time, for what the parts do not name. */
  topSelf: Array<{ fn: string; ms: number }>;
}

/** Sums a profile's samples into the parts of a request. */
export function summariseCpuProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const partOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = partOf.get(id);
    if (known) return known;
    let part = 'other';
    for (const [name, test] of PARTS) {
      let at: number | undefined = id;
      let hit = false;
      while (at !== undefined) {
        if (test(byId.get(at)!.callFrame)) {
          hit = true;
          break;
        }
        at = parent.get(at);
      }
      if (hit) {
        part = name;
        break;
      }
    }
    partOf.set(id, part);
    return part;
  };
  const parts = new Map<string, number>();
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const part = classify(id);
    parts.set(part, (parts.get(part) ?? 0) + ms);
    if (part === 'idle') continue;
    const frame = byId.get(id)!.callFrame;
    const where = frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*\/(plugins|packages)\//, '$1/');
    const fn = `${frame.functionName || '(anonymous)'} ${where}`;
    self.set(fn, (self.get(fn) ?? 0) + ms);
  }
  const busyMs = [...parts]
    .filter(([p]) => p !== 'idle')
    .reduce((sum, [, ms]) => sum + ms, 0);
  return {
    busyMs,
    parts: [...parts]
      .filter(([p]) => p !== 'idle')
      .map(([part, ms]) => ({ part, ms }))
      .sort((a, b) => b.ms - a.ms),
    topSelf: [...self]
      .map(([fn, ms]) => ({ fn, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 25),
  };
}
