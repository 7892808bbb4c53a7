import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { fetchInput } from '../fetchInput';
import { runForTest } from '../testing/runForTest';

// The real directory pages and agent cards kept in the repository.
const EXAMPLES = path.resolve(__dirname, '../../../../examples/threat-models');
const example = (file: string) => path.join(EXAMPLES, file);
const OWNER = ['--owner', 'group:default/team-a'];

/** The score a page publishes in its headline. */
const publishedScore = (file: string) =>
  Number(/AIVSS (\d+\.\d) · \w+/.exec(fs.readFileSync(file, 'utf8'))![1]);

async function scoreOf(yamlText: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-import-'));
  const file = path.join(dir, 'agent.yaml');
  fs.writeFileSync(file, yamlText);
  try {
    const validated = await runForTest('validate', file);
    const scored = await runForTest('score', file);
    return { validated, result: JSON.parse(scored.lines[0]) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('agent-risk import of directory pages', () => {
  it.each(['athena', 'healthcare-copilot'])(
    '%s: an entity that validate accepts and that scores the published AIVSS',
    async name => {
      const file = example(`${name}.directory-page.txt`);
      const run = await runForTest('import', file, ...OWNER);
      expect(run.code).toBe(0);
      expect(parse(run.stdout).metadata.name).toBe(name);
      const { validated, result } = await scoreOf(run.stdout);
      expect(validated.stdout).toBe('');
      expect(validated.code).toBe(0);
      expect(result).toMatchObject({
        status: 'scored',
        model: 'aivss-0.8',
        score: publishedScore(file),
      });
      // The example pages are cut off inside L3: said on stderr, not refused.
      expect(run.stderr).toContain(
        `warning: ${file} (directory-page): layers: no paragraph for L4, L5, L6, L7 (truncated?); imported L1, L2, L3`,
      );
      expect(run.stderr).not.toMatch(/publishes/);
    },
  );

  it('says on stderr when flags make the entity score other than the page', async () => {
    const file = example('athena.directory-page.txt');
    const run = await runForTest(
      'import',
      file,
      ...OWNER,
      '--cvss-base',
      '9.0',
    );
    expect(run.code).toBe(0);
    expect(
      parse(run.stdout).metadata.annotations['aivss.owasp.org/cvss-base'],
    ).toBe('9.0');
    // C 9.0, S 3.2, T 1.0, M 0.8 (the page's): (9.0 + 0.32) × 0.8 = 7.456 → 7.5.
    expect(run.stderr).toContain(
      `aivss: the imported agent scores 7.5 under aivss-0.8, but the page publishes ${publishedScore(
        file,
      )}`,
    );
  });

  it('refuses a page the threat-model reader cannot read when that format is forced', async () => {
    const run = await runForTest(
      'import',
      example('athena.directory-page.txt'),
      ...OWNER,
      '--format',
      'threat-model',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    // The navigation before the title is skipped; the factor table is what it lacks.
    expect(run.stderr).toMatch(
      /: factors\.autonomy-of-action: missing the factor row "Autonomy of action"/,
    );
    expect(run.stderr).not.toMatch(/: title: /);
  });

  it('exits 2 on an unknown --format', async () => {
    const run = await runForTest(
      'import',
      example('athena.directory-page.txt'),
      '--format',
      'pdf',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'agent-risk: --format: unknown format "pdf"; expected one of threat-model, directory-page, agent-card\n',
    );
  });
});

describe('agent-risk import of A2A agent cards', () => {
  it.each([
    'invoice-triage.agent-card.json',
    'research-concierge.agent-card.v1.json',
  ])('%s: an incomplete agent whose skills are visible', async file => {
    const card = JSON.parse(fs.readFileSync(example(file), 'utf8'));
    const run = await runForTest('import', example(file), ...OWNER);
    expect(run.code).toBe(0);
    const entity = parse(run.stdout);
    for (const skill of card.skills) {
      expect(entity.metadata.description).toContain(skill.name);
      expect(entity.metadata.tags).toContain(skill.id);
    }
    expect(run.stderr).toMatch(
      /assessment: an agent card carries no risk assessment/,
    );
    const { validated, result } = await scoreOf(run.stdout);
    expect(validated.stdout).not.toMatch(/tags|links|a2a-protocol/);
    expect(result.status).toBe('incomplete');
  });

  it('names the bad field of a malformed card and prints nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-card-'));
    const file = path.join(dir, 'card.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'X',
        description: 'Y',
        version: '1',
        url: 'ftp://x',
        skills: [{ id: 'a' }],
      }),
    );
    try {
      const run = await runForTest('import', file, ...OWNER);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `${file}: url: must be an http or https URL, got "ftp://x"\n`,
      );
      expect(run.stderr).toContain(`${file}: skills[0].name: is required\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('agent-risk import URL', () => {
  // A local server on a port of this task's range (7600-7699).
  const PORT = 7651;
  const card = fs.readFileSync(example('invoice-triage.agent-card.json'));
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/.well-known/agent-card.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(card);
      } else if (req.url === '/slow') {
        // Never answers: the client's timeout must end the wait.
      } else if (req.url === '/endless') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, ' ');
        const write = () => {
          while (res.write(chunk)) {
            // keep writing until the client stops reading
          }
          res.once('drain', write);
        };
        res.on('close', () => res.removeAllListeners('drain'));
        write();
      } else {
        res.writeHead(404).end('not here');
      }
    });
    await new Promise<void>(resolve =>
      server.listen(PORT, '127.0.0.1', resolve),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it('fetches and imports an agent card', async () => {
    const run = await runForTest(
      'import',
      `${base}/.well-known/agent-card.json`,
      ...OWNER,
    );
    expect(run.code).toBe(0);
    expect(parse(run.stdout).metadata).toMatchObject({
      name: 'invoice-triage-agent',
      title: 'Invoice Triage Agent',
    });
  });

  it('exits 2 with one line when the server answers an error', async () => {
    const run = await runForTest('import', `${base}/missing.json`, ...OWNER);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `agent-risk: cannot fetch ${base}/missing.json: the server answered 404 Not Found\n`,
    );
  });

  it('exits 2 when nothing listens', async () => {
    const run = await runForTest(
      'import',
      'http://127.0.0.1:7652/card.json',
      ...OWNER,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'agent-risk: cannot fetch http://127.0.0.1:7652/card.json: ECONNREFUSED\n',
    );
  });

  it('gives up on a server that does not answer in time', async () => {
    await expect(
      fetchInput(`${base}/slow`, { timeoutMs: 200 }),
    ).rejects.toThrow(`cannot fetch ${base}/slow: no answer within 0.2 s`);
  });

  it('stops reading an answer larger than the limit', async () => {
    await expect(
      fetchInput(`${base}/endless`, { maxBytes: 256 * 1024 }),
    ).rejects.toThrow(
      `cannot fetch ${base}/endless: the answer is larger than 262144 bytes`,
    );
  });

  it('refuses credentials in the URL', async () => {
    const run = await runForTest(
      'import',
      `http://user:secret@127.0.0.1:${PORT}/x`,
      ...OWNER,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the URL must not carry credentials/);
  });
});
