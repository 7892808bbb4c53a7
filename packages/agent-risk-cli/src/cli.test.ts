import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fixture, runForTest } from './testing/runForTest';
import packageJson from '../package.json';

describe('agent-risk', () => {
  it('prints its version', async () => {
    const run = await runForTest('--version');
    expect(run).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
  });

  it.each(['score', 'import', 'validate'])(
    'prints help for %s on stdout',
    async command => {
      const run = await runForTest(command, '--help');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: agent-risk ${command} `));
    },
  );

  it('exits 2 with help on stderr when no command is given', async () => {
    const run = await runForTest();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: agent-risk/);
  });

  it('exits 2 on an unknown command', async () => {
    const run = await runForTest('rank');
    expect(run).toMatchObject({
      code: 2,
      stderr: "agent-risk: unknown command 'rank'\n",
    });
  });
});

describe('bin/agent-risk (end to end)', () => {
  it('runs the TypeScript sources without a build and sets the exit code', () => {
    const bin = path.resolve(__dirname, '../bin/agent-risk');
    const result = spawnSync(
      process.execPath,
      [bin, 'score', fixture('scored.yaml'), fixture('incomplete.yaml')],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines.map(l => [l.entityRef, l.status])).toEqual([
      ['airesource:default/review-bot', 'scored'],
      ['component:finance/trading-agent', 'scored'],
      ['airesource:default/half-assessed', 'incomplete'],
    ]);
  });
});
