#!/usr/bin/env node
/*
 * End-to-end test of Agent Risk in a real browser (Debian's Chromium driven by
 * playwright-core). Starts the example app as `npm start` does, signs in as
 * guest, and walks the ranking page and Codegen's Risk tab.
 *
 *   npm run test:e2e                 # run the checks
 *   npm run test:e2e -- --screenshots  # also refresh docs/screenshots/*.png
 */
const fs = require('fs');
const path = require('path');
const { launchBrowser } = require('./browser');
const { spawnSync } = require('child_process');
const { startApp, FRONTEND, BACKEND, ROOT } = require('./app');

const takeScreenshots = process.argv.includes('--screenshots');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const results = [];

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    console.log(
      `  ✗ ${name}\n      ${String((error && error.stack) || error)
        .split('\n')
        .slice(0, 6)
        .join('\n      ')}`,
    );
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn(page) {
  await page.goto(`${FRONTEND}/agent-risk`);
  const enter = page.getByRole('button', { name: /enter/i });
  try {
    await enter.waitFor({ timeout: 15_000 });
    await enter.click();
  } catch {
    // already signed in (auto sign-in)
  }
}

async function shot(page, name) {
  if (!takeScreenshots) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

async function main() {
  console.log('Agent Risk end-to-end tests');
  const app = await startApp({ log: m => console.log(`  … ${m}`) });
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', e => pageErrors.push(e));
  try {
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
        const list = await (
          await fetch(`${BACKEND}/api/agent-risk/agents?limit=500`, { headers })
        ).json();
        assert(
          list.totalCount === expected.size,
          `API has ${list.totalCount} agents, the CLI scored ${expected.size}`,
        );
        for (const item of list.items) {
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
        const scores = list.items
          .filter(i => i.score !== null)
          .map(i => i.score);
        assert(
          scores.every((v, i) => i === 0 || scores[i - 1] >= v),
          `API ranking not by score desc: ${scores}`,
        );
        const summary = await (
          await fetch(`${BACKEND}/api/agent-risk/summary`, { headers })
        ).json();
        assert(
          summary.totalAgents === expected.size,
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

    await check('signs in as guest and opens the ranking page', async () => {
      await signIn(page);
      await page.waitForURL(/\/agent-risk/);
      await page
        .getByRole('heading', { name: /agent risk/i })
        .first()
        .waitFor({ timeout: 60_000 });
      await page
        .getByText('Codegen', { exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
    });

    await check('shows severity counts in words', async () => {
      for (const word of ['Critical', 'High', 'Medium', 'Low']) {
        await page
          .getByText(word, { exact: false })
          .first()
          .waitFor({ timeout: 10_000 });
      }
      await shot(page, 'ranking-page.png');
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
      "opens Codegen's Risk tab and the what-if slider changes the score",
      async () => {
        await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
        const whatIf = page.locator('[data-testid="what-if-result"]');
        await whatIf.waitFor({ timeout: 60_000 });
        const before = (await whatIf.innerText()).trim();
        await shot(page, 'risk-tab.png');
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

    if (takeScreenshots) {
      await check('takes narrow-width screenshots', async () => {
        await page.setViewportSize({ width: 420, height: 900 });
        await page.goto(`${FRONTEND}/agent-risk`);
        await page
          .getByText('Codegen', { exact: true })
          .first()
          .waitFor({ timeout: 60_000 });
        await shot(page, 'ranking-page-narrow.png');
        await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
        await page
          .locator('[data-testid="what-if-result"]')
          .waitFor({ timeout: 60_000 });
        await shot(page, 'risk-tab-narrow.png');
        await page.setViewportSize({ width: 1440, height: 1000 });
        await page.goto(`${FRONTEND}/catalog/default/airesource/codegen`);
        await page
          .getByLabel(/top contributing factors/i)
          .first()
          .waitFor({ timeout: 60_000 });
        await shot(page, 'overview-card.png');
      });
    }

    await check('no uncaught page errors', async () => {
      assert(
        pageErrors.length === 0,
        pageErrors.map(e => e.message).join('; '),
      );
    });
  } finally {
    await browser.close();
    app.stop();
  }
  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

/** Polls `read` until `accept` holds or the time is up; returns the last value read. */
async function eventually(read, accept, timeoutMs) {
  const started = Date.now();
  let value = await read();
  while (!accept(value) && Date.now() - started < timeoutMs) {
    await new Promise(r => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

async function rankingScores(page) {
  const texts = await page
    .locator('[data-testid="ranking-row-score"]')
    .allInnerTexts();
  return texts.map(t => parseFloat(t)).filter(n => !Number.isNaN(n));
}

async function rankingNames(page) {
  return page.locator('[data-testid="ranking-row-name"]').allInnerTexts();
}

main().catch(error => {
  console.error(error);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
