// The entity page's overview card.
const { FRONTEND } = require('../app');
const {
  check,
  assert,
  accessibilityViolations,
  gaugeAndChipColours,
} = require('../helpers');
const { lowOrMediumAgent } = require('./riskTab');

async function overviewCardWidthChecks({ page, app }, viewport) {
  const at = `at ${viewport.width} px`;
  const lowOrMedium = await lowOrMediumAgent(app);
  await check(
    `overview card ${at}: gauge coloured by band, no axe violations`,
    async () => {
      const [, namespace, name] = lowOrMedium.entityRef.match(
        /^[^:]+:([^/]+)\/(.+)$/,
      );
      const kind = lowOrMedium.entityRef.split(':')[0];
      await page.goto(`${FRONTEND}/catalog/${namespace}/${kind}/${name}`);
      await page
        .getByLabel(/top contributing factors/i)
        .first()
        .waitFor({ timeout: 60_000 });
      const colours = await gaugeAndChipColours(
        page,
        '[data-testid="agent-risk-card"]',
      );
      assert(
        colours.arc === colours.chip,
        `card gauge ${colours.arc} but ${colours.severity} chip ${colours.chip}`,
      );
      const violations = await accessibilityViolations(page);
      assert(violations.length === 0, violations.join('\n'));
    },
  );
}

module.exports = { overviewCardWidthChecks };
