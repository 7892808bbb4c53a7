import path from 'node:path';
import { runCli } from '../cli';

// Test-only helper: the fixtures sit next to the sources, never in a build.
// eslint-disable-next-line no-restricted-syntax
export const FIXTURES = path.resolve(__dirname, '../__fixtures__');
export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the trailing empty one. */
  lines: string[];
}

/** Runs `agent-risk ARGS…` in-process and captures what it writes. */
export async function runForTest(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'agent-risk', ...args], {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
  });
  return {
    code,
    stdout,
    stderr,
    lines: stdout.split('\n').filter(line => line !== ''),
  };
}
