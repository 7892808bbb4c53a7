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
const { launchBrowser } = require('./browser');
const { startApp, FRONTEND } = require('./app');
const {
  check,
  assert,
  results,
  takeScreenshots,
  watchConsole,
  widthChecks,
} = require('./helpers');
const { apiChecks } = require('./pages/api');
const {
  rankingChecks,
  rankingPagingChecks,
  rankingWidthChecks,
} = require('./pages/ranking');
const { groupChecks, groupWidthChecks } = require('./pages/group');
const { notificationChecks } = require('./pages/notifications');
const {
  riskTabChecks,
  refreshChecks,
  riskTabWidthChecks,
} = require('./pages/riskTab');
const { overviewCardWidthChecks } = require('./pages/overviewCard');
const { registryChecks } = require('./pages/register');
const { acceptanceChecks } = require('./pages/acceptance');
const {
  rankingSummaryChecks,
  rankingSummaryWidthChecks,
} = require('./pages/rankingSummary');
const { rankingSsvcChecks } = require('./pages/rankingSsvc');
const { riskTabSsvcWidthChecks } = require('./pages/riskTabSsvc');
const {
  registerFeedbackChecks,
  deleteAgentChecks,
} = require('./pages/registerFeedback');
const { searchWidthChecks } = require('./pages/search');
const { createChecks, createWidthChecks } = require('./pages/create');
const { factsWidthChecks } = require('./pages/facts');
const { screenshots } = require('./screenshots');

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
    const ctx = { page, app, consoleProblems };
    await apiChecks(ctx);

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

    await rankingChecks(ctx);
    await groupChecks(ctx);
    await notificationChecks(ctx);
    await riskTabChecks(ctx);
    await widthChecks(page, async viewport => {
      await rankingWidthChecks(ctx, viewport);
      await riskTabWidthChecks(ctx, viewport);
      await overviewCardWidthChecks(ctx, viewport);
      await groupWidthChecks(ctx, viewport);
    });
    await rankingPagingChecks(ctx);
    await refreshChecks(ctx);
    const registered = await registryChecks(ctx);
    await acceptanceChecks(ctx);
    await registerFeedbackChecks(ctx);
    await deleteAgentChecks(ctx, registered);
    await rankingSummaryChecks(ctx);
    await rankingSsvcChecks(ctx);
    await widthChecks(page, async viewport => {
      await rankingSummaryWidthChecks(ctx, viewport);
      await riskTabSsvcWidthChecks(ctx, viewport);
      await searchWidthChecks(ctx, viewport);
      await createWidthChecks(ctx, viewport);
      await factsWidthChecks(ctx, viewport);
    });
    await createChecks(ctx);

    if (takeScreenshots) await screenshots(ctx);

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

main().catch(error => {
  console.error(error);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
