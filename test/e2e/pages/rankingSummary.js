// The top of the ranking page and what a reader does with it: the leadership
// line, removable filter chips, a phone row, sorting by owner, and the review
// line that is red only when a review is overdue.
const { FRONTEND, BACKEND } = require('../app');
const {
  check,
  assert,
  eventually,
  waitForRanking,
  accessibilityViolations,
  pageOverflow,
} = require('../helpers');

async function apiJson(app, route) {
  const res = await fetch(`${BACKEND}/api/agent-risk${route}`, {
    headers: { authorization: `Bearer ${app.token}` },
  });
  assert(res.ok, `GET ${route} answered ${res.status}`);
  return res.json();
}

/** The leadership line and a phone row, at one width. */
async function rankingSummaryWidthChecks({ page, app }, viewport) {
  const at = `at ${viewport.width} px`;

  await check(
    `leadership line ${at}: the Critical count, the owner with most risk by name, why each Critical agent is Critical`,
    async () => {
      const summary = await apiJson(app, '/summary');
      const critical = await apiJson(
        app,
        '/agents?severity=critical&orderBy=score&order=desc&limit=100',
      );
      await page.goto(`${FRONTEND}/agent-risk`);
      await waitForRanking(page);
      const line = page.locator('[data-testid="leadership-line"]');
      await line.waitFor({ timeout: 30_000 });
      const count = summary.bySeverity.critical;
      const text = await eventually(
        () => line.innerText(),
        t => /Most risk: /.test(t),
        15_000,
      );
      assert(
        text.includes(`${count} Critical agent${count === 1 ? '' : 's'}`),
        `the line does not say ${count} Critical: ${text}`,
      );
      // The owner with the most Critical agents, then High, then max score.
      const top = [...summary.byOwner]
        .filter(o => o.owner && o.maxScore > 0)
        .sort(
          (a, b) =>
            b.critical - a.critical ||
            b.high - a.high ||
            b.maxScore - a.maxScore,
        )[0];
      assert(
        text.includes(`Most risk: ${top.ownerTitle} (${top.critical} Critical`),
        `most risk should be ${top.ownerTitle}: ${text}`,
      );
      assert(!/group:default\//.test(text), `an entity ref shown: ${text}`);
      const reasons = await page
        .locator('[data-testid="leadership-critical-reason"]')
        .allInnerTexts();
      assert(
        reasons.length > 0 && reasons.length <= critical.items.length,
        `${reasons.length} Critical reasons for ${count} Critical agents`,
      );
      reasons.forEach((reason, i) => {
        const agent = critical.items[i];
        assert(
          reason.startsWith(agent.title) &&
            reason.includes(agent.score.toFixed(1)) &&
            (!agent.reason || reason.includes(agent.reason.slice(0, 30))),
          `reason ${i + 1} "${reason}" is not ${agent.title} ${agent.score}: ${
            agent.reason
          }`,
        );
      });
      const overflow = await pageOverflow(page);
      assert(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
      const violations = await accessibilityViolations(page);
      assert(violations.length === 0, violations.join('\n'));
    },
  );

  await check(
    `a ranking row ${at} shows agent, score and severity without scrolling sideways`,
    async () => {
      await page.goto(`${FRONTEND}/agent-risk`);
      await waitForRanking(page);
      const cells = await page.evaluate(() => {
        const row = document.querySelector(
          'table[aria-label="Agents ranked by risk"] tbody tr',
        );
        return ['name', 'score', 'severity'].map(id => {
          const cell = row.querySelector(`[data-testid="ranking-row-${id}"]`);
          const box = (cell.closest('td') ?? cell).getBoundingClientRect();
          return { id, left: box.left, right: box.right };
        });
      });
      const outside = cells.filter(
        c => c.left < 0 || c.right > viewport.width + 1,
      );
      assert(
        outside.length === 0,
        `out of view without scrolling: ${outside
          .map(c => `${c.id} ${Math.round(c.left)}–${Math.round(c.right)}`)
          .join(', ')} (width ${viewport.width})`,
      );
    },
  );
}

async function rankingSummaryChecks({ page }) {
  await check(
    'filter chips: each active filter is a chip, and removing one drops that filter only',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk?severity=critical&severity=high`);
      const chips = page.locator('[data-testid="active-filters"]');
      await chips.waitFor({ timeout: 30_000 });
      const remove = chips.getByRole('button', { name: /^Remove filter/ });
      const before = await eventually(
        () => remove.count(),
        n => n === 2,
        10_000,
      );
      assert(before === 2, `${before} chips for two severities`);
      const highChip = chips.getByRole('button', {
        name: /^Remove filter.*High/,
      });
      await highChip.click();
      const url = await eventually(
        () => page.url(),
        u => !/severity=high/.test(u),
        10_000,
      );
      assert(
        /severity=critical/.test(url) && !/severity=high/.test(url),
        `after removing High the URL is ${url}`,
      );
      const severities = await eventually(
        () =>
          page.locator('[data-testid="ranking-row-severity"]').allInnerTexts(),
        s => s.length > 0 && s.every(t => /critical/i.test(t)),
        15_000,
      );
      assert(
        severities.length > 0 && severities.every(t => /critical/i.test(t)),
        `rows after removing High: ${severities}`,
      );
      assert((await remove.count()) === 1, 'the High chip is still there');
    },
  );

  await check('sorts by owner display name (not by entity ref)', async () => {
    await page.goto(`${FRONTEND}/agent-risk?limit=50`);
    await waitForRanking(page);
    await page
      .getByRole('button', { name: /^owner$/i })
      .first()
      .click();
    await page.waitForURL(/orderBy=owner/, { timeout: 10_000 });
    const key = n => n.trim().toLowerCase();
    const isSorted = owners =>
      owners.length > 3 &&
      owners.every((n, i) => i === 0 || key(owners[i - 1]) <= key(n));
    const owners = await eventually(
      () => page.locator('[data-testid="ranking-row-owner"]').allInnerTexts(),
      isSorted,
      15_000,
    );
    assert(isSorted(owners), `owners not sorted by name: ${owners}`);
    assert(
      owners.every(o => !/^(group|user):/.test(o.trim())),
      `owner shown as an entity ref: ${owners}`,
    );
  });

  await check(
    '"Never reviewed" is plain text; only an overdue review is red',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk?limit=50`);
      await waitForRanking(page);
      const never = page.locator('[data-testid="review-never"]').first();
      const overdue = page.locator('[data-testid="review-overdue"]').first();
      await never.waitFor({ timeout: 15_000 });
      await overdue.waitFor({ timeout: 15_000 });
      const colour = l => l.evaluate(el => getComputedStyle(el).color);
      const [neverColour, overdueColour] = [
        await colour(never),
        await colour(overdue),
      ];
      assert(
        /never reviewed/i.test(await never.innerText()),
        `review-never says ${await never.innerText()}`,
      );
      // Red: the red channel well above green and blue.
      const isRed = c => {
        const [r, g, b] = c.match(/\d+/g).map(Number);
        return r > 150 && r > g + 60 && r > b + 60;
      };
      assert(isRed(overdueColour), `overdue is not red: ${overdueColour}`);
      assert(!isRed(neverColour), `never reviewed is red: ${neverColour}`);
    },
  );
}

module.exports = { rankingSummaryChecks, rankingSummaryWidthChecks };
