// The Risk tab's AIVSS-SSVC card: the outcome in words, what it means, and
// the due date, for an example agent with an SSVC assessment.
const { FRONTEND, BACKEND } = require('../app');
const {
  check,
  assert,
  accessibilityViolations,
  pageOverflow,
} = require('../helpers');

const OUTCOME_LABEL = {
  Immediate: 'Immediate',
  'Out-of-Cycle': 'Out-of-cycle',
  Scheduled: 'Scheduled',
  Defer: 'Defer',
};

async function riskTabSsvcWidthChecks({ page, app }, viewport) {
  const at = `at ${viewport.width} px`;
  await check(
    `Risk tab ${at}: the SSVC card shows the outcome, what it means and the due date`,
    async () => {
      const record = await (
        await fetch(
          `${BACKEND}/api/agent-risk/agents/airesource/default/refund-approval-agent`,
          { headers: { authorization: `Bearer ${app.token}` } },
        )
      ).json();
      assert(
        record.ssvc?.outcome && record.ssvc.dueAt,
        `Refund Approval Agent has no SSVC decision: ${JSON.stringify(
          record.ssvc,
        )}`,
      );
      await page.goto(
        `${FRONTEND}/catalog/default/airesource/refund-approval-agent/risk`,
      );
      const card = page.locator('[data-testid="ssvc-decision"]');
      await card.waitFor({ timeout: 60_000 });
      const text = await card.innerText();
      const label = OUTCOME_LABEL[record.ssvc.outcome];
      assert(text.includes(label), `the card lacks "${label}": ${text}`);
      assert(/Act within \d+ days/.test(text), `no meaning shown: ${text}`);
      const due = await card.locator('[data-testid="ssvc-due"]').innerText();
      const shownDate = await page.evaluate(
        iso => new Date(iso).getFullYear(),
        record.ssvc.dueAt,
      );
      assert(
        /^Due /.test(due.trim()) && due.includes(String(shownDate)),
        `the due line says "${due}", the API ${record.ssvc.dueAt}`,
      );
      const overflow = await pageOverflow(page);
      assert(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
      const violations = await accessibilityViolations(page);
      assert(violations.length === 0, violations.join('\n'));
    },
  );
}

module.exports = { riskTabSsvcWidthChecks };
