// `npm run screenshots`: refreshes docs/screenshots/*.png.
const { FRONTEND } = require('./app');
const { check, shot, shotElement, waitForRanking } = require('./helpers');

async function screenshots({ page }) {
  await check('takes screenshots', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${FRONTEND}/agent-risk`);
    await waitForRanking(page);
    await shot(page, 'ranking-page.png');
    await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
    await page
      .locator('[data-testid="what-if-result"]')
      .waitFor({ timeout: 60_000 });
    await shot(page, 'risk-tab.png');
    await page.goto(
      `${FRONTEND}/catalog/default/airesource/legacy-ticket-router/risk`,
    );
    await page
      .locator('[data-testid="what-if-result"]')
      .waitFor({ timeout: 60_000 });
    await shot(page, 'risk-tab-invalid.png');
    await page.goto(
      `${FRONTEND}/catalog/default/airesource/prototype-research-agent/risk`,
    );
    await page
      .locator('[data-testid="annotation-example"]')
      .waitFor({ timeout: 60_000 });
    await shot(page, 'risk-tab-empty.png');
    await page.goto(`${FRONTEND}/catalog/default/airesource/codegen`);
    await page
      .getByLabel(/top contributing factors/i)
      .first()
      .waitFor({ timeout: 60_000 });
    await shot(page, 'overview-card.png');
    await page.goto(`${FRONTEND}/catalog/default/group/ai-platform`);
    await page
      .locator('[data-testid="agent-risk-group-card"] table')
      .waitFor({ timeout: 60_000 });
    await shot(page, 'group-card.png');
    await page.goto(`${FRONTEND}/agent-risk/register`);
    await page
      .locator('[data-testid="agent-risk-register-score"]')
      .waitFor({ timeout: 60_000 });
    await shot(page, 'register-page.png', { maxHeight: 3400 });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto(`${FRONTEND}/agent-risk/register`);
    await page
      .locator('[data-testid="agent-risk-register-score"]')
      .waitFor({ timeout: 60_000 });
    await shot(page, 'register-page-narrow.png', { maxHeight: 3400 });
    await page.goto(`${FRONTEND}/agent-risk`);
    await waitForRanking(page);
    await shot(page, 'ranking-page-narrow.png');
    await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
    await page
      .locator('[data-testid="what-if-result"]')
      .waitFor({ timeout: 60_000 });
    await shot(page, 'risk-tab-narrow.png');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${FRONTEND}/agent-risk`);
    await waitForRanking(page);
    const leadership = page.locator('[data-testid="leadership-line"]');
    await leadership.getByText(/Most risk/).waitFor({ timeout: 30_000 });
    await shotElement(leadership, 'leadership-line.png');
    await page.goto(
      `${FRONTEND}/catalog/default/airesource/refund-approval-agent/risk`,
    );
    const ssvc = page.locator('[data-testid="ssvc-decision"]');
    await ssvc.waitFor({ timeout: 60_000 });
    // The whole card: its title sits above the test id.
    await shotElement(
      ssvc.locator('xpath=ancestor::div[contains(@class,"MuiCard-root")][1]'),
      'ssvc-card.png',
    );
    await page.goto(`${FRONTEND}/search?query=push_files`);
    await page
      .locator('[data-testid="agent-risk-search-result"]')
      .first()
      .waitFor({ timeout: 60_000 });
    await shot(page, 'search.png');
    await page.goto(`${FRONTEND}/create`);
    await page
      .getByText('Register an AI agent', { exact: true })
      .first()
      .waitFor({ timeout: 60_000 });
    await shot(page, 'create.png');
    await factsScreenshots(page);
  });
}

/** A card of the page holding `inner`, whole (its title sits above `inner`). */
const cardOf = (page, inner) =>
  page.locator(`[class*="MuiCard-root"]:has(${inner})`).last();

/**
 * The facts views (spec 8 and 9) at 1440 and 420 px: the Discovery page,
 * the Risk tab's reach, evidence and tools, the API page's reached-by and
 * tools cards, and the ranking's exposure view.
 */
async function factsScreenshots(page) {
  for (const [width, suffix] of [
    [1440, ''],
    [420, '-narrow'],
  ]) {
    await page.setViewportSize({ width, height: width > 420 ? 1000 : 900 });
    await page.goto(`${FRONTEND}/agent-risk/discovery`);
    await page
      .locator('table[aria-label="Agent-card sources"]')
      .waitFor({ timeout: 60_000 });
    await page
      .locator('table[aria-label="MCP servers"]')
      .waitFor({ timeout: 60_000 });
    await shot(page, `discovery-page${suffix}.png`);
    await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
    await page
      .locator('[data-testid="reach-summary"]')
      .waitFor({ timeout: 60_000 });
    await shotElement(
      cardOf(page, '[data-testid="reach-summary"]'),
      `reach-card${suffix}.png`,
    );
    await shotElement(
      cardOf(page, '[data-testid^="evidence-"]'),
      `evidence-card${suffix}.png`,
    );
    await page.goto(
      `${FRONTEND}/catalog/default/component/support-chatbot/risk`,
    );
    const tools = 'table[aria-label*="helpdesk-mcp"]';
    await page.locator(tools).first().waitFor({ timeout: 60_000 });
    await shotElement(cardOf(page, tools), `agent-tools${suffix}.png`);
    await page.goto(`${FRONTEND}/catalog/default/api/helpdesk-mcp`);
    const card = 'table[aria-label="MCP tools"]';
    await page.locator(card).first().waitFor({ timeout: 60_000 });
    await shotElement(cardOf(page, card), `mcp-tools-card${suffix}.png`);
    await page.goto(`${FRONTEND}/catalog/default/api/github-mcp`);
    await page
      .locator('[data-testid="reached-by-headline"]')
      .waitFor({ timeout: 60_000 });
    await shotElement(
      cardOf(page, '[data-testid="reached-by-headline"]'),
      `reached-by-card${suffix}.png`,
    );
    await page.goto(`${FRONTEND}/agent-risk`);
    await waitForRanking(page);
    const exposure =
      'table[aria-label="Systems Critical and High agents can act on"]';
    await page.locator(exposure).waitFor({ timeout: 60_000 });
    await shotElement(cardOf(page, exposure), `exposure-card${suffix}.png`);
  }
  await page.setViewportSize({ width: 1440, height: 1000 });
}

module.exports = { screenshots };
