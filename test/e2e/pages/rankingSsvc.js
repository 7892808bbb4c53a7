// AIVSS-SSVC on the ranking page: the example agents' four outcomes, the
// outcome filter, sorting by Due, and the export menu's CycloneDX AI-BOM.
const fs = require('fs');
const { FRONTEND, BACKEND } = require('../app');
const {
  check,
  assert,
  eventually,
  rankingNames,
  waitForRanking,
  accessibilityViolations,
} = require('../helpers');

const OUTCOMES = ['Immediate', 'Out-of-cycle', 'Scheduled', 'Defer'];

const outcomeTexts = page =>
  page.locator('[data-testid="ranking-row-outcome"]').allInnerTexts();

async function rankingSsvcChecks({ page, app }) {
  const headers = { authorization: `Bearer ${app.token}` };
  const api = async route =>
    (await fetch(`${BACKEND}/api/agent-risk${route}`, { headers })).json();

  await check(
    'the example agents show all four SSVC outcomes on the ranking (Immediate, Out-of-cycle, Scheduled, Defer)',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk?limit=50`);
      await waitForRanking(page);
      const shown = await eventually(
        () => outcomeTexts(page),
        texts => OUTCOMES.every(o => texts.some(t => t.trim() === o)),
        15_000,
      );
      const missing = OUTCOMES.filter(o => !shown.some(t => t.trim() === o));
      assert(missing.length === 0, `outcomes not on the ranking: ${missing}`);
      const counts = await page
        .locator('[data-testid="ssvc-summary"]')
        .innerText();
      for (const outcome of OUTCOMES) {
        assert(
          counts.toLowerCase().includes(outcome.toLowerCase()),
          `the outcome counts lack ${outcome}: ${counts}`,
        );
      }
      const violations = await accessibilityViolations(page);
      assert(violations.length === 0, violations.join('\n'));
    },
  );

  await check(
    'the SSVC outcome filter shows only that outcome, and the URL keeps it',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk`);
      await waitForRanking(page);
      await page.locator('#ranking-ssvc-outcome').click();
      await page
        .getByRole('option', { name: 'Immediate', exact: true })
        .click();
      await page.keyboard.press('Escape');
      await page.waitForURL(/ssvcOutcome=Immediate/, { timeout: 10_000 });
      const expected = await api('/agents?ssvcOutcome=Immediate&limit=100');
      const rows = await eventually(
        () => outcomeTexts(page),
        texts =>
          texts.length === expected.totalCount &&
          texts.every(t => t.trim() === 'Immediate'),
        15_000,
      );
      assert(
        expected.totalCount > 0 &&
          rows.length === expected.totalCount &&
          rows.every(t => t.trim() === 'Immediate'),
        `Immediate filter shows ${JSON.stringify(rows)}, the API has ${
          expected.totalCount
        }`,
      );
    },
  );

  await check(
    'sorting by Due puts the earliest due date first and agents without one last',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk?limit=50`);
      await waitForRanking(page);
      await page.getByRole('button', { name: /^due$/i }).first().click();
      await page.waitForURL(/orderBy=dueAt/, { timeout: 10_000 });
      const all = await api('/agents?limit=100');
      const expected = all.items
        .filter(i => i.ssvc?.dueAt)
        .sort((a, b) => Date.parse(a.ssvc.dueAt) - Date.parse(b.ssvc.dueAt))
        .map(i => i.title);
      assert(expected.length >= 3, `${expected.length} agents with a due date`);
      const names = await eventually(
        () => rankingNames(page),
        n =>
          JSON.stringify(n.slice(0, expected.length)) ===
          JSON.stringify(expected),
        15_000,
      );
      assert(
        JSON.stringify(names.slice(0, expected.length)) ===
          JSON.stringify(expected),
        `by Due the ranking starts ${names.slice(
          0,
          expected.length,
        )}, expected ${expected}`,
      );
      const due = await page
        .locator('[data-testid="ranking-row-due"]')
        .allInnerTexts();
      assert(
        due.slice(expected.length).every(t => t.trim() === '—'),
        `agents without a due date are not last: ${due}`,
      );
    },
  );

  await check(
    'Export → CycloneDX downloads a CycloneDX 1.6 JSON BOM with one component per agent in view',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk?severity=critical&severity=high`);
      await waitForRanking(page);
      const inView = await api(
        '/agents?severity=critical&severity=high&limit=100',
      );
      await page.getByRole('button', { name: /^export$/i }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByRole('menuitem', { name: /cyclonedx/i }).click(),
      ]);
      const file = await download.path();
      const bom = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert(
        bom.bomFormat === 'CycloneDX' && bom.specVersion === '1.6',
        `bomFormat ${bom.bomFormat}, specVersion ${bom.specVersion}`,
      );
      const components = bom.components ?? [];
      assert(
        components.length === inView.totalCount,
        `${components.length} components for ${inView.totalCount} agents in view`,
      );
      const text = JSON.stringify(components);
      const absent = inView.items.filter(
        i => !text.includes(i.entityRef.split('/').pop()),
      );
      assert(
        absent.length === 0,
        `agents in view without a component: ${absent.map(i => i.entityRef)}`,
      );
    },
  );

  await check(
    'the CycloneDX export of the whole example inventory validates against the official CycloneDX 1.6 JSON schema',
    async () => {
      const res = await fetch(`${BACKEND}/api/agent-risk/export/cyclonedx`, {
        headers: { authorization: `Bearer ${app.token}` },
      });
      const text = await res.text();
      assert(
        res.ok,
        `the export answered ${res.status}: ${text.slice(0, 300)}`,
      );
      const { Spec, Validation } = require('@cyclonedx/cyclonedx-library');
      const problems = await new Validation.JsonStrictValidator(
        Spec.Version.v1dot6,
      ).validate(text);
      assert(
        problems === null,
        `schema problems: ${JSON.stringify(problems).slice(0, 500)}`,
      );
      const bom = JSON.parse(text);
      const all = await api('/agents?limit=500');
      assert(
        bom.components.length === all.totalCount && bom.services.length > 0,
        `${bom.components.length} components for ${all.totalCount} agents, ${bom.services.length} MCP services`,
      );
    },
  );
}

module.exports = { rankingSsvcChecks };
