import { LatencyStats } from './measure';
import { RunResult } from './run';

export interface Environment {
  date: string;
  command: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  platform: string;
  node: string;
  sqlite: string;
  postgres: string;
  /** 1-minute load average when the run started and ended (the machine may be shared). */
  loadAverage: { start: number; end: number };
}

export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean;
}

export const TARGETS = {
  rankingPageP95Ms: 25,
  summaryP95Ms: 50,
  noChangeWrites: 0,
  naiveRatio: 50,
  freeTextP95Ms: 25,
  /** The plugin's own work in a no-change sync (catalog reading excluded). */
  noChangeOwnWorkSeconds: 5,
  /** Heap after GC may grow by at most this much per sync (≈ flat). */
  heapSlopeMiBPerSync: 0.1,
  /** The size the targets are defined for. */
  size: 100_000,
};

const DB_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

export const int = (n: number) => n.toLocaleString('en-US').replace(/,/g, ' ');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const secs = (n: number) => n.toFixed(1);

export function ratioOf(r: RunResult): number {
  return r.naive.stats.p50 / r.http.firstPage.p50;
}

export function runTitle(r: RunResult): string {
  return `${DB_NAMES[r.config.db]}, ${int(r.config.size)} agents`;
}

/** The brief's targets, checked on one run. */
export function checkTargets(r: RunResult): TargetCheck[] {
  const page = (label: string, stats: LatencyStats): TargetCheck => ({
    target: `ranking ${label} p95 ≤ ${TARGETS.rankingPageP95Ms} ms`,
    measured: `${ms(stats.p95)} ms`,
    pass: stats.p95 <= TARGETS.rankingPageP95Ms,
  });
  const ratio = ratioOf(r);
  return [
    page('first page', r.http.firstPage),
    page('filtered page', r.http.filtered.stats),
    page(`page ${r.http.deep.page} by cursor`, r.http.deep.stats),
    {
      target: `summary p95 ≤ ${TARGETS.summaryP95Ms} ms`,
      measured: `${ms(r.http.summaryWarm.stats.p95)} ms`,
      pass: r.http.summaryWarm.stats.p95 <= TARGETS.summaryP95Ms,
    },
    {
      target: 'no-change sync writes 0 rows',
      measured: `${r.sync.noChange.report.written} rows`,
      pass: r.sync.noChange.report.written === TARGETS.noChangeWrites,
    },
    {
      target: `ranking ≥ ${TARGETS.naiveRatio}× faster than naive (p50)`,
      measured: `${ratio.toFixed(0)}×`,
      pass: ratio >= TARGETS.naiveRatio,
    },
    {
      target: `free text \`q\` p95 ≤ ${TARGETS.freeTextP95Ms} ms (common word, rare substring)`,
      measured: `${ms(r.http.freeText.common.p95)} ms, ${ms(
        r.http.freeText.rare.p95,
      )} ms`,
      pass:
        Math.max(r.http.freeText.common.p95, r.http.freeText.rare.p95) <=
        TARGETS.freeTextP95Ms,
    },
    {
      target: `no-change sync, the plugin's own work ≤ ${TARGETS.noChangeOwnWorkSeconds} s`,
      measured: `${secs(ownWorkSeconds(r))} s (${secs(
        r.sync.noChange.seconds,
      )} s minus ${secs(catalogSecondsOf(r))} s reading the catalog; ${int(
        r.sync.noChange.report.unchanged ?? 0,
      )} agents not scored again)`,
      pass: ownWorkSeconds(r) <= TARGETS.noChangeOwnWorkSeconds,
    },
    ...(r.memorySyncs.count > 1
      ? [
          {
            target: `memory flat over ${r.memorySyncs.count} no-change syncs (heap slope ≤ ${TARGETS.heapSlopeMiBPerSync} MiB/sync)`,
            measured: `heap ${r.memorySyncs.heapSlopeMiB.toFixed(
              3,
            )} MiB/sync (${r.memorySyncs.heapMiB[0].toFixed(
              0,
            )} → ${r.memorySyncs.heapMiB[
              r.memorySyncs.heapMiB.length - 1
            ].toFixed(0)} MiB), RSS ${r.memorySyncs.rssSlopeMiB.toFixed(
              3,
            )} MiB/sync`,
            pass: r.memorySyncs.heapSlopeMiB <= TARGETS.heapSlopeMiBPerSync,
          },
        ]
      : []),
  ];
}

/** A no-change sync's time minus its reading from the catalog (as the sync measured it, else as read alone). */
export function ownWorkSeconds(r: RunResult): number {
  return Math.max(0, r.sync.noChange.seconds - catalogSecondsOf(r));
}

function catalogSecondsOf(r: RunResult): number {
  return r.sync.noChange.report.catalogSeconds ?? r.sync.catalogReadSeconds;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

function latencyRow(
  label: string,
  stats: LatencyStats,
  note: string,
): string[] {
  return [
    label,
    String(stats.count),
    ms(stats.p50),
    ms(stats.p95),
    ms(stats.mean),
    ms(stats.max),
    note,
  ];
}

/** The tables of one run (database and size), as Markdown. */
export function runSection(r: RunResult): string {
  const { http, sync } = r;
  const rate = (seconds: number) => int(Math.round(r.config.size / seconds));
  const warmNote =
    http.summaryWarm.aggregateQueries === 0
      ? `warm: served from the cache (0 aggregate queries in ${http.summaryWarm.calls} calls)`
      : `NOT all warm: ${http.summaryWarm.aggregateQueries} aggregate queries ran`;
  const checks = checkTargets(r);
  const atTargetSize = r.config.size === TARGETS.size;
  return [
    `### ${runTitle(r)}`,
    '',
    `Database: ${r.database}. Catalog: ${int(
      r.catalog.entities,
    )} entities, ${int(r.catalog.agents)} of them agents (generated in ${secs(
      r.catalog.generateSeconds,
    )} s); ` +
      `after the sync the summary counts ${int(
        r.byStatus.scored,
      )} scored, ${int(r.byStatus.incomplete)} incomplete, ${int(
        r.byStatus.invalid,
      )} invalid ` +
      `(the generator intended ${int(r.catalog.intended.scored)} / ${int(
        r.catalog.intended.incomplete,
      )} / ${int(r.catalog.intended.invalid)}).`,
    '',
    table(
      [
        'Sync',
        'seconds',
        'agents/s',
        'rows written',
        'history appended',
        'removed',
      ],
      [
        [
          'full (empty store)',
          secs(sync.full.seconds),
          rate(sync.full.seconds),
          int(sync.full.report.written),
          int(sync.full.report.historyAppended),
          int(sync.full.report.removed),
        ],
        [
          'no change',
          secs(sync.noChange.seconds),
          rate(sync.noChange.seconds),
          int(sync.noChange.report.written),
          int(sync.noChange.report.historyAppended),
          int(sync.noChange.report.removed),
        ],
      ],
    ),
    '',
    table(
      [
        'Request (sequential, keep-alive)',
        'n',
        'p50 ms',
        'p95 ms',
        'mean ms',
        'max ms',
        'note',
      ],
      [
        latencyRow(
          '`GET /agents?limit=50`',
          http.firstPage,
          'first page, default order (score desc)',
        ),
        latencyRow(
          `\`GET /agents?${http.filtered.query}\``,
          http.filtered.stats,
          `filtered page; totalCount ${int(http.filtered.totalCount)}`,
        ),
        latencyRow(
          `\`GET /agents?cursor=…\` (page ${http.deep.page})`,
          http.deep.stats,
          `walking pages 1–${http.deep.page - 1} first took ${secs(
            http.deep.walkSeconds,
          )} s`,
        ),
        [
          '`GET /summary`, first call after the sync',
          '1',
          ms(http.summaryCold.ms),
          '—',
          '—',
          '—',
          `cold: ${http.summaryCold.aggregateQueries} aggregate computation`,
        ],
        latencyRow('`GET /summary`', http.summaryWarm.stats, warmNote),
        latencyRow(
          'summary aggregates, uncached (store, no HTTP)',
          http.aggregateUncached,
          'what every summary would cost without the cache',
        ),
        latencyRow(
          '`GET /agents/:kind/:namespace/:name`',
          http.detail,
          `${http.detail.count} different agents, with rank and history`,
        ),
        latencyRow(
          '`GET /agents?q=ledger`',
          http.freeText.common,
          'free text, a common word (~5 % of agents)',
        ),
        latencyRow(
          '`GET /agents?q=agent-01234`',
          http.freeText.rare,
          'free text, a rare substring (10 agents)',
        ),
        latencyRow(
          'naive: fetch all from the catalog, score, sort, top 50 (no HTTP)',
          r.naive.stats,
          `naive p50 / first-page p50 = **${ratioOf(r).toFixed(
            0,
          )}×**; top-50 scores ${
            r.naive.matchesRanking ? 'match' : 'DO NOT match'
          } the ranking`,
        ),
      ],
    ),
    '',
    table(
      [
        'After phase',
        'peak RSS MiB (process so far)',
        'heap used MiB (after GC)',
      ],
      r.memory.map(m => [
        m.phase,
        m.peakRssMiB.toFixed(0),
        m.heapUsedMiB.toFixed(0),
      ]),
    ),
    '',
    atTargetSize
      ? 'Targets (set for 100 000 agents):'
      : 'Targets (set for 100 000 agents; shown here for reference):',
    '',
    table(
      ['Target', 'Measured', 'Result'],
      checks.map(c => [c.target, c.measured, c.pass ? 'PASS' : '**FAIL**']),
    ),
  ].join('\n');
}

/** One line per run, for the top of the report. */
export function overviewTable(results: RunResult[]): string {
  return table(
    [
      'Database',
      'Agents',
      'Full sync s',
      'No-change sync s (rows written)',
      'First page p50 / p95 ms',
      'Filtered p95 ms',
      'Page 100 p95 ms',
      'Summary p95 ms (cold ms)',
      'Detail p95 ms',
      'Free text p95 ms (common, rare)',
      'No-change own work s',
      'Heap slope MiB/sync',
      'Naive p50 ms',
      'Naive ÷ ranking',
      'Peak RSS MiB',
    ],
    results.map(r => [
      DB_NAMES[r.config.db],
      int(r.config.size),
      secs(r.sync.full.seconds),
      `${secs(r.sync.noChange.seconds)} (${r.sync.noChange.report.written})`,
      `${ms(r.http.firstPage.p50)} / ${ms(r.http.firstPage.p95)}`,
      ms(r.http.filtered.stats.p95),
      ms(r.http.deep.stats.p95),
      `${ms(r.http.summaryWarm.stats.p95)} (${ms(r.http.summaryCold.ms)})`,
      ms(r.http.detail.p95),
      `${ms(r.http.freeText.common.p95)}, ${ms(r.http.freeText.rare.p95)}`,
      secs(ownWorkSeconds(r)),
      r.memorySyncs.count > 1 ? r.memorySyncs.heapSlopeMiB.toFixed(3) : '—',
      ms(r.naive.stats.p50),
      `${ratioOf(r).toFixed(0)}×`,
      Math.max(...r.memory.map(m => m.peakRssMiB)).toFixed(0),
    ]),
  );
}

export function environmentTable(env: Environment): string {
  return table(
    ['', ''],
    [
      ['Date', env.date],
      ['Command', `\`${env.command}\``],
      ['CPU', `${env.cpuCount} × ${env.cpuModel}`],
      ['Memory', `${env.totalMemoryGiB.toFixed(1)} GiB`],
      ['OS', env.platform],
      ['Node.js', env.node],
      ['SQLite', `${env.sqlite} (better-sqlite3)`],
      ['PostgreSQL', env.postgres],
      [
        'Load average (1 min)',
        `${env.loadAverage.start.toFixed(
          2,
        )} at the start, ${env.loadAverage.end.toFixed(2)} at the end (on ${
          env.cpuCount
        } CPUs; anything else running inflates the tails)`,
      ],
    ],
  );
}
