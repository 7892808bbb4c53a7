// Backstage search (/search) with the agent-risk collator: a threat id or a
// tool name an example agent has finds that agent, with its severity.
const { FRONTEND, BACKEND } = require('../app');
const {
  check,
  assert,
  eventually,
  accessibilityViolations,
  pageOverflow,
} = require('../helpers');

// A MAESTRO threat id of its layers, and an MCP tool it uses (examples/).
const QUERIES = [
  { term: 'ASI02', agent: 'market-making-bot' },
  { term: 'push_files', agent: 'autonomous-refactoring-agent' },
];

async function searchWidthChecks({ page, app }, viewport) {
  const at = `at ${viewport.width} px`;
  for (const { term, agent } of QUERIES) {
    await check(
      `/search ${at}: "${term}" finds ${agent} with its severity`,
      async () => {
        const record = await (
          await fetch(
            `${BACKEND}/api/agent-risk/agents/airesource/default/${agent}`,
            { headers: { authorization: `Bearer ${app.token}` } },
          )
        ).json();
        await page.goto(`${FRONTEND}/search?query=${term}`);
        const results = page.locator(
          '[data-testid="agent-risk-search-result"]',
        );
        const item = results.filter({ hasText: record.title }).first();
        await item.waitFor({ timeout: 60_000 });
        const severity = await item
          .locator('[data-severity]')
          .getAttribute('data-severity');
        assert(
          severity === record.severity,
          `${record.title}: result shows ${severity}, the API ${record.severity}`,
        );
        const text = await eventually(
          () => item.innerText(),
          t => t.includes(`AIVSS score ${record.score.toFixed(1)}`),
          5_000,
        );
        assert(
          text.includes(`AIVSS score ${record.score.toFixed(1)}`),
          `the result says ${text}`,
        );
        const overflow = await pageOverflow(page);
        assert(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
        const violations = await accessibilityViolations(page);
        assert(violations.length === 0, violations.join('\n'));
      },
    );
  }
}

module.exports = { searchWidthChecks };
