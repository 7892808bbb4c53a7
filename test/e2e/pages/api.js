// The API against the CLI: the ranking the backend serves has the scores
// `agent-risk score` prints for the example catalog.
const { spawnSync } = require('child_process');
const { BACKEND, ROOT, demoUserToken } = require('../app');
const { check, assert, eventually } = require('../helpers');

async function apiChecks({ app }) {
  await check(
    'the API ranks the example agents with the same scores as `agent-risk score`',
    async () => {
      const cli = spawnSync(
        'node',
        [
          'packages/agent-risk-cli/bin/agent-risk',
          'score',
          'catalog-info.yaml',
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      assert(
        cli.status === 1,
        `agent-risk score should exit 1 (one example is incomplete), got ${cli.status}`,
      );
      const expected = new Map(
        cli.stdout
          .trim()
          .split('\n')
          .map(line => JSON.parse(line))
          .map(r => [r.entityRef, r]),
      );
      const headers = { authorization: `Bearer ${app.token}` };
      // Agents discovery made from the example A2A cards (packages/backend on
      // :7010) are on the ranking too, but in no catalog file the CLI reads.
      const discovered = async () => {
        const res = await fetch(`${BACKEND}/api/agent-risk/discovery/sources`, {
          headers,
        });
        const { sources } = await res.json();
        return new Set(sources.map(s => s.entityRef).filter(Boolean));
      };
      let found = new Set();
      // On a busy machine the catalog may still be ingesting when the first
      // sync runs; sync again until every example agent is there.
      const list = await eventually(
        async () => {
          const page = await (
            await fetch(`${BACKEND}/api/agent-risk/agents?limit=500`, {
              headers,
            })
          ).json();
          found = await discovered();
          if (page.totalCount !== expected.size + found.size) {
            // A full sync is the security team's (the example policy).
            await fetch(`${BACKEND}/api/agent-risk/sync`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${await demoUserToken('erin')}`,
              },
            });
            await new Promise(r => setTimeout(r, 3000));
          }
          return page;
        },
        page => found.size === 3 && page.totalCount === expected.size + 3,
        120_000,
      );
      assert(
        found.size === 3,
        `discovery made ${found.size} agents of the three example cards`,
      );
      assert(
        list.totalCount === expected.size + found.size,
        `API has ${list.totalCount} agents, the CLI scored ${expected.size} and discovery made ${found.size}`,
      );
      for (const item of list.items.filter(i => found.has(i.entityRef))) {
        assert(
          item.discovered === true && item.assessed === false,
          `${item.entityRef} was discovered and not assessed, but its row says discovered=${item.discovered}, assessed=${item.assessed}`,
        );
      }
      for (const item of list.items.filter(i => !found.has(i.entityRef))) {
        assert(
          item.discovered === false,
          `${item.entityRef} is in a catalog file, but its row says discovered`,
        );
        const cliResult = expected.get(item.entityRef);
        assert(
          cliResult,
          `${item.entityRef} is ranked by the API but unknown to the CLI`,
        );
        assert(
          item.status === cliResult.status && item.score === cliResult.score,
          `${item.entityRef}: API ${item.status} ${item.score}, CLI ${cliResult.status} ${cliResult.score}`,
        );
      }
      const scores = list.items.filter(i => i.score !== null).map(i => i.score);
      assert(
        scores.every((v, i) => i === 0 || scores[i - 1] >= v),
        `API ranking not by score desc: ${scores}`,
      );
      const summary = await (
        await fetch(`${BACKEND}/api/agent-risk/summary`, { headers })
      ).json();
      assert(
        summary.totalAgents === expected.size + found.size,
        `summary counts ${summary.totalAgents} agents`,
      );
      const scoredByCli = [...expected.values()].filter(
        r => r.status === 'scored',
      ).length;
      assert(
        summary.byStatus.scored === scoredByCli,
        `summary says ${summary.byStatus.scored} scored, CLI ${scoredByCli}`,
      );
    },
  );
}

module.exports = { apiChecks };
