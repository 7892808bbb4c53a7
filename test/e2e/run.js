#!/usr/bin/env node
/*
 * End-to-end test of Agent Risk in a real browser (Debian's Chromium driven by
 * playwright-core). Starts the example app as `npm start` does, signs in as
 * guest, and walks every page the plugins add at desktop (1440 px) and phone
 * (420 px) widths: the ranking, Risk tabs, the overview card and the Group
 * card. It fails on any console error or warning, any uncaught page error,
 * and any WCAG 2 A/AA violation axe-core finds inside the plugins' own
 * elements.
 *
 *   npm run test:e2e                 # run the checks
 *   npm run test:e2e -- --screenshots  # also refresh docs/screenshots/*.png
 */
const fs = require('fs');
const path = require('path');
const { launchBrowser } = require('./browser');
const { spawnSync } = require('child_process');
const { startApp, demoUserToken, FRONTEND, BACKEND, ROOT } = require('./app');
const { registryChecks } = require('./registry');
const { acceptanceChecks } = require('./acceptance');
const { waitFor } = require('../lib/polling');

const takeScreenshots = process.argv.includes('--screenshots');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const results = [];

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 1000 },
  { name: 'phone', width: 420, height: 900 },
];

/** The plugins' root elements: accessibility checks are scoped to these. */
const PLUGIN_ROOTS = [
  '[data-testid="agent-risk-ranking-page"]',
  '[data-testid="agent-risk-tab"]',
  '[data-testid="agent-risk-card"]',
  '[data-testid="agent-risk-group-card"]',
  '[data-testid="agent-risk-register-page"]',
];

/**
 * Console messages that are not ours to fix here, each with the reason.
 * Everything else of type error or warning fails the run.
 */
const ALLOWED_CONSOLE = [
  // The app shell's router (packages/app, not the plugins) has not opted into
  // React Router's v7 behaviour yet; these notices appear on every page.
  /^⚠️ React Router Future Flag Warning:/,
  // Material UI v4 (Backstage's own sidebar, buttons and links as much as the
  // plugins') calls findDOMNode, which React deprecates under StrictMode. It
  // goes away with Material UI v5; nothing the plugins can change.
  /^Warning: findDOMNode is deprecated and will be removed in the next major release\./,
  // The app shell's notifications bell (@backstage/plugin-notifications 0.6.0,
  // NotificationsSidebarItem) puts the unread count, a number, in a
  // @backstage/ui Tag without a textValue; react-aria warns on every page
  // while a notification is unread. Upstream code, not the plugins'.
  /^A `textValue` prop is required for <Tag> elements with non-plain text children for accessibility\./,
];

/**
 * Pages that are Backstage's own, visited only to see what the plugins sent
 * there: their console is not ours. The notifications page
 * (@backstage/plugin-notifications 0.6.0) renders material-table, whose
 * components use React's deprecated defaultProps and warn about their columns.
 */
const UPSTREAM_PAGES = [/^\/notifications\/?$/];

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

/**
 * A screenshot of the whole page, up to `maxHeight` px. Backstage pages scroll
 * inside their content box, which a full-page screenshot does not see, so the
 * viewport grows by what that box hides, then goes back.
 */
async function shot(page, name, { maxHeight = 2600 } = {}) {
  if (!takeScreenshots) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const hidden = await page.evaluate(() =>
    Math.max(
      0,
      ...[...document.querySelectorAll('*')]
        .filter(el => /auto|scroll/.test(getComputedStyle(el).overflowY))
        .map(el => el.scrollHeight - el.clientHeight),
    ),
  );
  const documentHeight = await page.evaluate(
    () => document.documentElement.scrollHeight,
  );
  // Tall enough for the whole page, so fixed bars sit at its bottom, not mid-image.
  const height = Math.min(
    Math.max(viewport.height + hidden, documentHeight),
    maxHeight,
  );
  await page.setViewportSize({ width: viewport.width, height });
  await page.waitForTimeout(500);
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: path.join(SHOTS, name),
    fullPage: true,
    clip: {
      x: 0,
      y: 0,
      width: viewport.width,
      height: Math.min(full, maxHeight),
    },
  });
  await page.setViewportSize(viewport);
}

async function main() {
  console.log('Agent Risk end-to-end tests');
  // The browser first: if it cannot start, no app is left running.
  const browser = await launchBrowser();
  let app;
  try {
    app = await startApp({ log: m => console.log(`  … ${m}`) });
  } catch (error) {
    await browser.close();
    throw error;
  }
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  const pageErrors = [];
  const consoleProblems = [];
  // Every page of the context, including ones opened later, reports here.
  context.on('page', p => watchConsole(p, pageErrors, consoleProblems));
  const page = await context.newPage();
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
        // On a busy machine the catalog may still be ingesting when the first
        // sync runs; sync again until every example agent is there.
        const list = await eventually(
          async () => {
            const page = await (
              await fetch(`${BACKEND}/api/agent-risk/agents?limit=500`, {
                headers,
              })
            ).json();
            if (page.totalCount !== expected.size) {
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
          page => page.totalCount === expected.size,
          120_000,
        );
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
        const sentence = page.locator('[data-testid="risk-trend-change"]');
        await sentence.waitFor({ timeout: 30_000 });
        const text = await sentence.innerText();
        assert(
          /Critical/.test(text) || /History starts today/.test(text),
          `trend sentence: ${text}`,
        );
        const areas = await page.locator('.recharts-area').count();
        assert(areas >= 4, `expected one area per band, got ${areas}`);
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
            page
              .locator('[data-testid="ranking-row-severity"]')
              .allInnerTexts(),
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
        await card
          .locator('[data-testid="agent-risk-group-trend"] .recharts-area')
          .first()
          .waitFor({ timeout: 30_000 });
      },
    );

    await check(
      "the owner hears of MCP Gateway's overdue review once, on the notifications page",
      async () => {
        // MCP Gateway (AI Platform, guest's team) was last reviewed 2026-06-01;
        // with the 90-day interval its review is overdue, and the first sync
        // tells the owner through the notifications backend.
        const title = 'MCP Gateway: risk review overdue';
        const headers = {
          authorization: `Bearer ${app.token}`,
          'content-type': 'application/json',
        };
        const ids = await waitFor(
          'the review-overdue notification',
          async () => {
            const res = await fetch(
              `${BACKEND}/api/notifications/notifications`,
              { headers },
            );
            const { notifications = [] } = res.ok ? await res.json() : {};
            const ours = notifications.filter(
              n =>
                n.origin === 'plugin:agent-risk' && n.payload.title === title,
            );
            return ours.length > 0 ? ours.map(n => n.id) : undefined;
          },
          90_000,
        );
        // The example keeps its data across runs: one event, one notification.
        assert(
          ids.length === 1,
          `${ids.length} notifications for one overdue review`,
        );
        // Unread again, in case someone read it in an earlier session.
        const update = await fetch(
          `${BACKEND}/api/notifications/notifications/update`,
          {
            method: 'POST',
            headers,
            body: JSON.stringify({ ids, read: false }),
          },
        );
        assert(update.ok, `marking it unread answered ${update.status}`);
        await page.goto(`${FRONTEND}/notifications`);
        await page.getByText(title).first().waitFor({ timeout: 30_000 });
      },
    );

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

    for (const viewport of WIDTHS) {
      await page.setViewportSize(viewport);
      await widthChecks(page, viewport, app);
    }

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
          await shared
            .getByText(/^11-\d+ of \d+$/)
            .waitFor({ timeout: 10_000 });
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
          () =>
            page.locator('[data-testid="ranking-row-owner"]').allInnerTexts(),
          o => o.length > 0 && o.every(t => t.trim() === 'AI Platform'),
          15_000,
        );
        assert(
          owners.length > 0 && owners.every(t => t.trim() === 'AI Platform'),
          `owner filter shows rows owned by ${owners}`,
        );
      },
    );

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
        assert(
          text.includes(expected),
          `outcome "${text}" lacks "${expected}"`,
        );
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

    await registryChecks({
      page,
      app,
      check,
      assert,
      eventually,
      accessibilityViolations,
      pageOverflow,
    });
    await acceptanceChecks({ page, app, check, assert, eventually });

    if (takeScreenshots) {
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
      });
    }

    await check('no uncaught page errors', async () => {
      assert(
        pageErrors.length === 0,
        pageErrors.map(e => e.message).join('; '),
      );
    });

    await check(
      'no console errors or warnings (React warnings included)',
      async () => {
        assert(consoleProblems.length === 0, consoleProblems.join('\n'));
      },
    );
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

/** Records console errors and warnings (React's warnings among them) and uncaught errors. */
function watchConsole(page, pageErrors, consoleProblems) {
  page.on('pageerror', e => pageErrors.push(e));
  page.on('console', message => {
    const type = message.type();
    if (type !== 'error' && type !== 'warning') return;
    const text = message.text();
    if (ALLOWED_CONSOLE.some(allowed => allowed.test(text))) return;
    const { pathname } = new URL(page.url());
    if (UPSTREAM_PAGES.some(upstream => upstream.test(pathname))) return;
    consoleProblems.push(
      `[${type}] ${page.url()}: ${text.split('\n').slice(0, 3).join(' ')}`,
    );
  });
}

async function waitForRanking(page) {
  await page
    .getByText('Codegen', { exact: true })
    .first()
    .waitFor({ timeout: 60_000 });
}

/**
 * Runs axe-core's WCAG 2 A/AA rules on the plugins' own elements of the page
 * and returns one line per violating node.
 */
async function accessibilityViolations(page) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async roots => {
    const include = roots
      .filter(selector => document.querySelector(selector))
      .map(selector => [selector]);
    if (include.length === 0) return ['no plugin root element on the page'];
    const result = await window.axe.run(
      { include },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } },
    );
    return result.violations.flatMap(v =>
      v.nodes.map(
        n =>
          `${v.id}: ${n.target.join(' ')} (${(n.failureSummary || '')
            .split('\n')
            .slice(1, 2)
            .join('')
            .trim()})`,
      ),
    );
  }, PLUGIN_ROOTS);
}

/**
 * The header cells of a table that cannot be brought into view: each is
 * scrolled into view, then must be the element actually drawn at its centre
 * (not clipped by a parent) and lie within the viewport.
 */
async function unreachableColumns(page, tableLabel) {
  return page.evaluate(label => {
    const table = document.querySelector(`table[aria-label="${label}"]`);
    if (!table) return [`no table "${label}"`];
    const unreachable = [];
    for (const th of table.querySelectorAll('thead th')) {
      th.scrollIntoView({ block: 'center', inline: 'center' });
      const r = th.getBoundingClientRect();
      const hit = document.elementFromPoint(
        r.left + r.width / 2,
        r.top + r.height / 2,
      );
      if (
        r.left < -1 ||
        r.right > window.innerWidth + 1 ||
        !hit ||
        !th.contains(hit)
      ) {
        unreachable.push(th.innerText.trim() || '(blank)');
      }
    }
    window.scrollTo(0, 0);
    return unreachable;
  }, tableLabel);
}

/** The page itself must not scroll sideways: wide tables scroll in their own box. */
async function pageOverflow(page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
}

/**
 * The header's title and subtitle that its right-hand items (the register
 * button) overlap: at 420 px the header wraps, and a child that is not a
 * grid item was pulled up over the subtitle.
 */
async function headerTextCovered(page) {
  return page.evaluate(() => {
    const header = document.querySelector('main header');
    const [left, right] = header.children;
    const texts = [...left.children].filter(el => el.textContent.trim());
    const items = [...right.querySelectorAll('a, button')];
    const meet = (a, b) =>
      a.left < b.right &&
      b.left < a.right &&
      a.top < b.bottom &&
      b.top < a.bottom;
    return texts
      .filter(text =>
        items.some(item =>
          meet(text.getBoundingClientRect(), item.getBoundingClientRect()),
        ),
      )
      .map(text => `"${text.textContent.trim().slice(0, 40)}"`);
  });
}

/** The gauge arc's colour and the chip's background, as the browser computes them. */
async function gaugeAndChipColours(page, rootSelector) {
  return page.evaluate(selector => {
    const root = document.querySelector(selector);
    // rc-progress draws a grey trail circle and the arc (class …-circle-path).
    const arc = [...root.querySelectorAll('svg circle')].find(
      c =>
        /circle-path/.test(c.getAttribute('class') || '') &&
        c.getAttribute('opacity') !== '0',
    );
    const chip = root.querySelector('[data-severity]');
    const probe = document.createElement('span');
    probe.style.color = arc ? arc.style.stroke : '';
    document.body.appendChild(probe);
    const arcColour = getComputedStyle(probe).color;
    probe.remove();
    return {
      arc: arcColour,
      chip: chip ? getComputedStyle(chip).backgroundColor : null,
      severity: chip ? chip.getAttribute('data-severity') : null,
    };
  }, rootSelector);
}

/** The checks every page gets at one viewport width. */
async function widthChecks(page, viewport, app) {
  const at = `at ${viewport.width} px`;
  const headers = { authorization: `Bearer ${app.token}` };
  const list = await (
    await fetch(`${BACKEND}/api/agent-risk/agents?limit=500`, { headers })
  ).json();
  // A gauge that is not red: the bug coloured every gauge as Critical.
  const lowOrMedium = list.items.find(
    i => i.severity === 'low' || i.severity === 'medium',
  );

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

  await check(`Group page card ${at}: no axe violations`, async () => {
    await page.goto(`${FRONTEND}/catalog/default/group/ai-platform`);
    await page
      .locator('[data-testid="agent-risk-group-card"] table')
      .waitFor({ timeout: 60_000 });
    const violations = await accessibilityViolations(page);
    assert(violations.length === 0, violations.join('\n'));
  });
}

main().catch(error => {
  console.error(error);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
