// An agent's Risk tab: the what-if, untrusted text rendered inert, Refresh
// now, and its layout at each width (gauge colour, factor table, the custom
// multiplier's label, an invalid agent's errors).
const { FRONTEND, BACKEND } = require('../app');
const {
  check,
  assert,
  eventually,
  accessibilityViolations,
  unreachableColumns,
  pageOverflow,
  gaugeAndChipColours,
} = require('../helpers');

/** A low or medium example agent: a gauge that is not red (the bug coloured every gauge as Critical). */
async function lowOrMediumAgent(app) {
  const headers = { authorization: `Bearer ${app.token}` };
  const list = await (
    await fetch(`${BACKEND}/api/agent-risk/agents?limit=500`, { headers })
  ).json();
  return list.items.find(i => i.severity === 'low' || i.severity === 'medium');
}

async function riskTabChecks({ page }) {
  await check(
    "opens Codegen's Risk tab and the what-if slider changes the score",
    async () => {
      await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
      const whatIf = page.locator('[data-testid="what-if-result"]');
      await whatIf.waitFor({ timeout: 60_000 });
      const before = (await whatIf.innerText()).trim();
      const slider = page.getByRole('slider', {
        name: /autonomy of action/i,
      });
      await slider.focus();
      await page.keyboard.press('Home');
      await page.waitForTimeout(300);
      const after = (await whatIf.innerText()).trim();
      assert(
        before !== after,
        `what-if score did not change (${before} → ${after})`,
      );
      const saved = (
        await page.locator('[data-testid="risk-headline"]').innerText()
      ).trim();
      assert(saved.length > 0, 'headline score missing');
    },
  );

  await check(
    'renders untrusted layer text inert (no script runs, no javascript: link)',
    async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/airesource/mcp-gateway/risk`,
      );
      await page
        .getByText('<script>', { exact: false })
        .first()
        .waitFor({ timeout: 60_000 });
      const flag = await page.evaluate(() => window.__agentRiskXss);
      assert(flag === undefined, 'the <script> in a layer text executed');
      const jsLinks = await page.locator('a[href^="javascript:" i]').count();
      assert(jsLinks === 0, `${jsLinks} javascript: links rendered`);
    },
  );
}

async function refreshChecks({ page }) {
  await check(
    'Refresh now says when it refreshed and whether the score and catalog changed',
    async () => {
      await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
      const headline = page.locator('[data-testid="risk-headline"]');
      await headline.waitFor({ timeout: 60_000 });
      const clickedAt = Date.now();
      const [response] = await Promise.all([
        page.waitForResponse(r => /\/refresh$/.test(r.url()), {
          timeout: 120_000,
        }),
        page.getByRole('button', { name: 'Refresh now' }).click(),
      ]);
      assert(response.ok(), `refresh answered ${response.status()}`);
      const body = await response.json();
      assert(
        typeof body.refreshedAt === 'string' && body.agent,
        `refresh did not answer an AgentRefreshResult: ${Object.keys(body)}`,
      );
      const refreshedAt = Date.parse(body.refreshedAt);
      assert(
        Math.abs(refreshedAt - clickedAt) < 120_000,
        `refreshedAt ${body.refreshedAt} is not the time of the click`,
      );
      const outcome = page.locator('[data-testid="refresh-outcome"]');
      await outcome.waitFor({ timeout: 10_000 });
      const text = (await outcome.innerText()).trim();
      const shownTime = await page.evaluate(
        iso =>
          new Date(iso).toLocaleString(undefined, {
            dateStyle: 'medium',
            timeStyle: 'short',
          }),
        body.refreshedAt,
      );
      assert(
        text.includes(`Refreshed ${shownTime}`),
        `outcome "${text}" does not show the refresh time ${shownTime}`,
      );
      const score = body.agent.score.toFixed(1);
      const expected = body.scoreChanged
        ? `→ ${score}`
        : `Score unchanged at ${score}`;
      assert(text.includes(expected), `outcome "${text}" lacks "${expected}"`);
      assert(
        text.includes(
          body.catalogUpdated
            ? 'The catalog had newer data'
            : 'The catalog had no newer data',
        ),
        `outcome "${text}" does not say whether the catalog changed`,
      );
    },
  );
}

/** The Risk tab at one width. */
async function riskTabWidthChecks({ page, app }, viewport) {
  const at = `at ${viewport.width} px`;
  const lowOrMedium = await lowOrMediumAgent(app);
  await check(
    `Risk tab ${at}: columns reachable, gauge coloured by band, no axe violations`,
    async () => {
      assert(lowOrMedium, 'no low or medium example agent to look at');
      const [, namespace, name] = lowOrMedium.entityRef.match(
        /^[^:]+:([^/]+)\/(.+)$/,
      );
      const kind = lowOrMedium.entityRef.split(':')[0];
      await page.goto(`${FRONTEND}/catalog/${namespace}/${kind}/${name}/risk`);
      await page
        .locator('[data-testid="what-if-result"]')
        .waitFor({ timeout: 60_000 });
      const colours = await gaugeAndChipColours(
        page,
        '[data-testid="agent-risk-tab"]',
      );
      assert(
        colours.severity === lowOrMedium.severity,
        `chip says ${colours.severity}, the API ${lowOrMedium.severity}`,
      );
      assert(
        colours.arc === colours.chip,
        `gauge ${colours.arc} but ${colours.severity} chip ${colours.chip}`,
      );
      const hidden = await unreachableColumns(page, 'Agentic factors');
      assert(hidden.length === 0, `factor columns out of reach: ${hidden}`);
      // Readable: factor names wrap by word, not a few letters per line.
      const nameWidths = await page.evaluate(() =>
        [
          ...document.querySelectorAll(
            '[data-testid^="factor-row-"] td:first-child',
          ),
        ].map(td => td.getBoundingClientRect().width),
      );
      assert(
        nameWidths.length === 10 && nameWidths.every(w => w >= 150),
        `factor names squeezed into ${Math.min(...nameWidths)} px`,
      );
      const overflow = await pageOverflow(page);
      assert(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
      const violations = await accessibilityViolations(page);
      assert(violations.length === 0, violations.join('\n'));
    },
  );

  await check(
    `what-if custom multiplier ${at}: its label stays on one line, clear of the value`,
    async () => {
      await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
      await page
        .locator('[data-testid="what-if-result"]')
        .waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: /Threat multiplier/ }).click();
      await page.getByRole('option', { name: /^custom/ }).click();
      const input = page.locator('#what-if-threat-custom');
      await input.fill('1.2');
      const layout = await page.evaluate(() => {
        const field = document.querySelector('#what-if-threat-custom');
        const label = document.querySelector(
          'label[for="what-if-threat-custom"]',
        );
        const box = field.parentElement;
        const r = e => e.getBoundingClientRect();
        return {
          label: r(label),
          box: r(box),
          textTop:
            r(field).top + parseFloat(getComputedStyle(field).paddingTop),
        };
      });
      assert(
        layout.label.height < 20,
        `the label wraps: ${Math.round(layout.label.height)} px tall`,
      );
      assert(
        layout.label.right <= layout.box.right + 1,
        'the label runs past its field',
      );
      assert(
        layout.label.bottom <= layout.textTop + 1,
        `the label (bottom ${layout.label.bottom}) overlaps the value (top ${layout.textTop})`,
      );
    },
  );

  await check(
    `invalid agent's Risk tab ${at}: the rejected value and its error; what-if takes the missing input`,
    async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/airesource/legacy-ticket-router/risk`,
      );
      const row = page.locator('[data-testid="factor-row-autonomy-of-action"]');
      await row.waitFor({ timeout: 60_000 });
      const text = await row.innerText();
      assert(text.includes('"high"'), `factor row shows "${text}"`);
      assert(
        (await row.locator('[data-testid="factor-error"]').count()) === 1,
        `no error shown in the factor row: "${text}"`,
      );
      const whatIf = page.locator('[data-testid="what-if-result"]');
      assert(
        /missing factor/.test(await whatIf.innerText()),
        `what-if says ${await whatIf.innerText()}`,
      );
      const slider = page.getByRole('slider', { name: /autonomy of action/i });
      await slider.focus();
      await page.keyboard.press('End');
      await eventually(
        () => whatIf.innerText(),
        t => /What-if AIVSS \d+\.\d/.test(t),
        5_000,
      );
      const result = await whatIf.innerText();
      assert(/What-if AIVSS \d+\.\d/.test(result), `what-if says ${result}`);
      const violations = await accessibilityViolations(page);
      assert(violations.length === 0, violations.join('\n'));
    },
  );
}

module.exports = {
  riskTabChecks,
  refreshChecks,
  riskTabWidthChecks,
  lowOrMediumAgent,
};
