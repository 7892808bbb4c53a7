// The Group page's card: a group counts its sub-teams' agents.
const { FRONTEND } = require('../app');
const {
  check,
  assert,
  accessibilityViolations,
  trendProblems,
} = require('../helpers');

async function groupChecks({ page }) {
  await check(
    "the Engineering group card counts its sub-teams' agents",
    async () => {
      await page.goto(`${FRONTEND}/catalog/default/group/engineering`);
      const card = page.locator('[data-testid="agent-risk-group-card"]');
      await card.locator('table').waitFor({ timeout: 60_000 });
      const text = await card.innerText();
      assert(
        /owned by this group, its sub-teams and their members/.test(text),
        `group card: ${text.slice(0, 200)}`,
      );
      assert(/Codegen/.test(text), 'Codegen (AI Platform) missing');
      const problems = await trendProblems(
        card.locator('[data-testid="agent-risk-group-trend"]'),
      );
      assert(problems.length === 0, problems.join('; '));
    },
  );
}

async function groupWidthChecks({ page }, viewport) {
  const at = `at ${viewport.width} px`;
  await check(`Group page card ${at}: no axe violations`, async () => {
    await page.goto(`${FRONTEND}/catalog/default/group/ai-platform`);
    await page
      .locator('[data-testid="agent-risk-group-card"] table')
      .waitFor({ timeout: 60_000 });
    const violations = await accessibilityViolations(page);
    assert(violations.length === 0, violations.join('\n'));
  });
}

module.exports = { groupChecks, groupWidthChecks };
