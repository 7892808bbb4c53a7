// The ranking page (/agent-risk): order, sorting, filters, the trend and the
// summary cards, paging, the owner filter, and its layout at each width.
const { FRONTEND } = require('../app');
const {
  check,
  assert,
  eventually,
  rankingScores,
  rankingNames,
  waitForRanking,
  accessibilityViolations,
  unreachableColumns,
  pageOverflow,
  headerTextCovered,
  WIDTHS,
  trendProblems,
} = require('../helpers');

async function rankingChecks({ page }) {
  await check('shows severity counts in words', async () => {
    for (const word of ['Critical', 'High', 'Medium', 'Low']) {
      await page
        .getByText(word, { exact: false })
        .first()
        .waitFor({ timeout: 10_000 });
    }
  });

  await check(
    'ranks by score, highest first, and sorts by name on request',
    async () => {
      const firstScores = await rankingScores(page);
      assert(
        firstScores.length > 3,
        `expected several ranked rows, got ${firstScores.length}`,
      );
      const sorted = [...firstScores].sort((a, b) => b - a);
      assert(
        JSON.stringify(firstScores) === JSON.stringify(sorted),
        `scores not descending: ${firstScores}`,
      );
      await page
        .getByRole('button', { name: /^agent$/i })
        .first()
        .click();
      await page.waitForURL(/orderBy=name/);
      // The server sorts by lower-cased display name, in code-point order.
      const key = n => n.toLowerCase();
      const isSorted = names =>
        names.every((n, i) => i === 0 || key(names[i - 1]) <= key(n));
      const names = await eventually(
        () => rankingNames(page),
        isSorted,
        15_000,
      );
      assert(isSorted(names), `names not sorted: ${names}`);
    },
  );

  await check('filters by severity and by free text', async () => {
    await page.goto(`${FRONTEND}/agent-risk?severity=critical`);
    const allCritical = texts =>
      texts.length > 0 && texts.every(t => /critical/i.test(t));
    const severities = await eventually(
      () =>
        page.locator('[data-testid="ranking-row-severity"]').allInnerTexts(),
      allCritical,
      15_000,
    );
    assert(severities.length > 0, 'no critical agents shown');
    assert(
      severities.every(s => /critical/i.test(s)),
      `non-critical rows under the Critical filter: ${severities}`,
    );
    await page.goto(`${FRONTEND}/agent-risk`);
    const search = page.getByLabel(/search agents/i).first();
    await search.fill('codegen');
    await page.waitForURL(/q=codegen/, { timeout: 10_000 });
    const names = await eventually(
      () => rankingNames(page),
      n => n.length === 1,
      15_000,
    );
    assert(
      names.length === 1 && /codegen/i.test(names[0]),
      `free-text filter gave ${names}`,
    );
  });

  await check(
    'the ranking page shows the trend per band and how Critical moved',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk`);
      await waitForRanking(page);
      const problems = await trendProblems(page.locator('main'));
      assert(problems.length === 0, problems.join('; '));
    },
  );

  await check(
    'the summary cards follow the ranking filters (Critical only)',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk?severity=critical`);
      const count = name =>
        page.getByRole('group', { name }).first().innerText();
      const high = await eventually(
        () => count('High'),
        t => /^\s*0/.test(t),
        15_000,
      );
      assert(/^\s*0/.test(high), `High under the Critical filter: ${high}`);
      const rows = await eventually(
        () =>
          page.locator('[data-testid="ranking-row-severity"]').allInnerTexts(),
        r => r.length > 0,
        15_000,
      );
      const critical = parseInt(await count('Critical'), 10);
      assert(
        critical === rows.length,
        `Critical card says ${critical}, the ranking lists ${rows.length}`,
      );
    },
  );
}

async function rankingPagingChecks({ page, consoleProblems }) {
  await check(
    'paging: page size 10 pages 19 agents, the page is in the URL and a shared link opens it',
    async () => {
      await page.setViewportSize(WIDTHS[0]);
      await page.goto(`${FRONTEND}/agent-risk?limit=10`);
      const firstPage = await eventually(
        () => rankingNames(page),
        n => n.length === 10,
        30_000,
      );
      assert(firstPage.length === 10, `page 1 has ${firstPage.length} rows`);
      await page.getByRole('button', { name: /next page/i }).click();
      await page.waitForURL(/page=2/, { timeout: 10_000 });
      const secondPage = await eventually(
        () => rankingNames(page),
        n => n.length > 0 && n[0] !== firstPage[0],
        15_000,
      );
      const url = page.url();
      assert(/cursor=/.test(url), `no cursor in the URL: ${url}`);
      const shared = await page.context().newPage();
      try {
        await shared.goto(url);
        const opened = await eventually(
          () => rankingNames(shared),
          n => n.length > 0,
          30_000,
        );
        assert(
          JSON.stringify(opened) === JSON.stringify(secondPage),
          `the shared link shows ${opened}, page 2 was ${secondPage}`,
        );
        // The pagination's "11-19 of 19" (class names carry suffixes in dev builds).
        await shared.getByText(/^11-\d+ of \d+$/).waitFor({ timeout: 10_000 });
      } finally {
        await shared.close();
      }
      await page.getByRole('button', { name: /previous page/i }).click();
      await page.waitForURL(u => !/page=2/.test(String(u)), {
        timeout: 10_000,
      });
      const back = await eventually(
        () => rankingNames(page),
        n => n[0] === firstPage[0],
        15_000,
      );
      assert(back[0] === firstPage[0], `previous page shows ${back}`);
    },
  );

  await check(
    '?limit=5 is clamped to the smallest page size (10) without an MUI warning',
    async () => {
      const before = consoleProblems.length;
      await page.goto(`${FRONTEND}/agent-risk?limit=5`);
      const names = await eventually(
        () => rankingNames(page),
        n => n.length > 0,
        30_000,
      );
      assert(names.length === 10, `${names.length} rows for ?limit=5`);
      const size = await page
        .getByRole('button', { name: /agents per page/i })
        .innerText();
      assert(size.trim() === '10', `page size select shows ${size}`);
      const fresh = consoleProblems.slice(before);
      assert(fresh.length === 0, fresh.join('\n'));
    },
  );

  await check(
    'filters by owner display name: typing "AI Platform" finds the team',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk`);
      await page
        .getByText('Codegen', { exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
      const owner = page.getByRole('textbox', { name: 'Owner' });
      await owner.fill('AI Platform');
      await page
        .getByRole('option', { name: 'AI Platform', exact: true })
        .click();
      const url = await eventually(
        () => page.url(),
        u => /owner=group%3Adefault%2Fai-platform/.test(u),
        10_000,
      );
      assert(
        /owner=group%3Adefault%2Fai-platform/.test(url),
        `the owner filter did not reach the URL: ${url}`,
      );
      const owners = await eventually(
        () => page.locator('[data-testid="ranking-row-owner"]').allInnerTexts(),
        o => o.length > 0 && o.every(t => t.trim() === 'AI Platform'),
        15_000,
      );
      assert(
        owners.length > 0 && owners.every(t => t.trim() === 'AI Platform'),
        `owner filter shows rows owned by ${owners}`,
      );
    },
  );
}

/** The ranking page at one width. */
async function rankingWidthChecks({ page }, viewport) {
  const at = `at ${viewport.width} px`;
  await check(
    `ranking page ${at}: every column reachable, owner table readable, no axe violations`,
    async () => {
      await page.goto(`${FRONTEND}/agent-risk`);
      await waitForRanking(page);
      const hidden = await unreachableColumns(page, 'Agents ranked by risk');
      assert(hidden.length === 0, `ranking columns out of reach: ${hidden}`);
      // The owner table comes with the summary, which may load after the ranking.
      await page
        .locator('table[aria-label="Risk by owner"]')
        .waitFor({ timeout: 30_000 });
      const hiddenOwner = await unreachableColumns(page, 'Risk by owner');
      assert(
        hiddenOwner.length === 0,
        `owner table columns out of reach: ${hiddenOwner}`,
      );
      const ownerCells = await page.evaluate(() =>
        [
          ...document.querySelectorAll(
            'table[aria-label="Risk by owner"] tbody tr td:first-child',
          ),
        ].map(td => td.getBoundingClientRect().width),
      );
      assert(
        ownerCells.every(w => w >= 140),
        `owner names squeezed into ${Math.min(...ownerCells)} px`,
      );
      const overflow = await pageOverflow(page);
      assert(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
      const covered = await headerTextCovered(page);
      assert(covered.length === 0, `the header's button covers ${covered}`);
      const violations = await accessibilityViolations(page);
      assert(violations.length === 0, violations.join('\n'));
    },
  );
}

module.exports = { rankingChecks, rankingPagingChecks, rankingWidthChecks };
