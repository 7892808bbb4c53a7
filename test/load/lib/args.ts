import { DatabaseKind } from './databases';

export interface BenchArgs {
  sizes: number[];
  dbs: DatabaseKind[];
  requests: number;
  naiveRequests: number;
  /** No-change syncs run back to back for the memory check. */
  memorySyncs: number;
  /** Where the Markdown report goes, relative to the repo root; null for none. */
  out: string | null;
  /** Internal: run one database and size in this (child) process. */
  child: boolean;
}

export const USAGE = `Usage: npm run bench -- [--sizes 10000,100000] [--db sqlite|postgres|all]
                      [--requests 200] [--naive-requests 5] [--memory-syncs 50] [--out docs/benchmarks.md | --no-out]`;

const DBS: readonly DatabaseKind[] = ['sqlite', 'postgres'];

function positiveInt(flag: string, value: string | undefined, min = 1) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${flag} needs an integer ≥ ${min}, got "${value ?? ''}"`);
  }
  return n;
}

/** Parses the flags; throws an Error whose message names the bad flag. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    sizes: [10_000, 100_000],
    dbs: [...DBS],
    requests: 200,
    naiveRequests: 5,
    memorySyncs: 50,
    out: 'docs/benchmarks.md',
    child: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string?];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--sizes':
      case '--size':
        args.sizes = value()
          .split(',')
          .map(s => positiveInt(flag, s.replace(/_/g, ''), 5_000));
        break;
      case '--db': {
        const v = value();
        args.dbs =
          v === 'all'
            ? [...DBS]
            : v.split(',').map(d => {
                const db = d === 'pg' ? 'postgres' : d;
                if (!DBS.includes(db as DatabaseKind)) {
                  throw new Error(
                    `--db must be sqlite, postgres or all, got "${d}"`,
                  );
                }
                return db as DatabaseKind;
              });
        break;
      }
      case '--requests':
        args.requests = positiveInt(flag, value(), 20);
        break;
      case '--naive-requests':
        args.naiveRequests = positiveInt(flag, value(), 1);
        break;
      case '--memory-syncs':
        args.memorySyncs = positiveInt(flag, value(), 0);
        break;
      case '--out':
        args.out = value();
        break;
      case '--no-out':
        args.out = null;
        break;
      case '--child':
        args.child = true;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`Unknown flag ${flag}\n${USAGE}`);
    }
  }
  return args;
}
