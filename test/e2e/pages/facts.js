// The facts features (spec sections 8 and 9) at each width: the Discovery
// page (agent-card sources and MCP servers), the Risk tab's reach graph,
// evidence findings and listed tools, the API page's "agents can act on
// this", and the ranking's exposure view and "Understated" filter.
const { FRONTEND, BACKEND } = require('../app');
const {
  check,
  assert,
  eventually,
  accessibilityViolations,
  pageOverflow,
} = require('../helpers');

/** A card of the entity page holding `inner` (entity cards have no plugin root id). */
// Material UI's dev build suffixes class names (MuiCard-root-866): match a prefix.
const cardHolding = inner => `[class*="MuiCard-root"]:has(${inner})`;

async function apiGet(app, path) {
  const res = await fetch(`${BACKEND}/api/agent-risk${path}`, {
    headers: { authorization: `Bearer ${app.token}` },
  });
  assert(res.ok, `GET ${path}: ${res.status}`);
  return res.json();
}

async function layoutAndAxe(page, roots) {
  const overflow = await pageOverflow(page);
  assert(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
  const violations = await accessibilityViolations(page, roots);
  assert(violations.length === 0, violations.join('\n'));
}

/** The first agent of the ranking whose evidence shows an understated factor. */
async function firstUnderstated(app) {
  const page = await eventually(
    () => apiGet(app, '/agents?understated=true&limit=50'),
    value => value.items.length > 0,
    90_000,
  );
  assert(page.items.length > 0, 'no agent is understated by the evidence');
  return page.items[0];
}

async function factsWidthChecks({ page, app }, viewport) {
  const at = `at ${viewport.width} px`;

  await check(
    `Discovery ${at}: the three card sources, the signed one verified, and the MCP server listed`,
    async () => {
      await page.goto(`${FRONTEND}/agent-risk/discovery`);
      const sources = page.locator('table[aria-label="Agent-card sources"]');
      const servers = page.locator(
        '[data-testid="agent-risk-discovery-page"] table[aria-label="MCP servers"]',
      );
      // Discovery runs 10 s after start, the inventory 15 s: reload until both ran.
      const ready = await eventually(
        async () => {
          await page.reload();
          await sources.waitFor({ timeout: 30_000 });
          const text = await sources.innerText();
          const listed = (await servers.count())
            ? await servers.innerText()
            : '';
          return { text, listed };
        },
        v =>
          (v.text.match(/127\.0\.0\.1:7010/g) ?? []).length >= 3 &&
          /verified/.test(v.text) &&
          /helpdesk-mcp[\s\S]*Listed/i.test(v.listed),
        90_000,
      );
      assert(
        (ready.text.match(/127\.0\.0\.1:7010/g) ?? []).length >= 3,
        `fewer than three sources: ${ready.text}`,
      );
      assert(
        /Signed card, verified/.test(ready.text),
        `no verified signature: ${ready.text}`,
      );
      assert(
        /helpdesk-mcp[\s\S]*Listed/i.test(ready.listed),
        `helpdesk-mcp not listed: ${ready.listed}`,
      );
      await layoutAndAxe(page, ['[data-testid="agent-risk-discovery-page"]']);
    },
  );

  await check(
    `Codegen's Risk tab ${at}: the reach graph with the GitHub MCP server`,
    async () => {
      await page.goto(`${FRONTEND}/catalog/default/airesource/codegen/risk`);
      const summary = page.locator('[data-testid="reach-summary"]');
      await summary.waitFor({ timeout: 60_000 });
      const card = page
        .locator(cardHolding('[data-testid="reach-summary"]'))
        .last();
      await card
        .locator('[aria-label^="Graph of what"] svg')
        .first()
        .waitFor({ timeout: 30_000 });
      const text = await card.innerText();
      assert(/github-mcp|GitHub MCP/i.test(text), `no GitHub MCP: ${text}`);
      // Its host is not allowed, so it is never listed: the mark comes from
      // the tools its YAML definition names (by name only: they may write).
      const marked = card.locator('[aria-label^="Graph of what"] [data-tools]');
      await marked.first().waitFor({ timeout: 30_000 });
      const marks = await marked.allTextContents();
      assert(
        marks.some(m => /github/i.test(m) && /may write/.test(m)),
        `reach graph marks: ${marks.join(' | ')}`,
      );
      await layoutAndAxe(page);
    },
  );

  await check(
    `the github-mcp API page ${at}: "N agents can act on this"`,
    async () => {
      await page.goto(`${FRONTEND}/catalog/default/api/github-mcp`);
      const headline = page.locator('[data-testid="reached-by-headline"]');
      await headline.waitFor({ timeout: 60_000 });
      const text = await headline.innerText();
      const n = Number(/(\d+) agents? can act on this/.exec(text)?.[1]);
      assert(n >= 2, `headline: ${text}`);
      await layoutAndAxe(page, [
        cardHolding('[data-testid="reached-by-headline"]'),
      ]);
    },
  );

  await check(
    `the ranking ${at}: the exposure view lists systems; "Understated" finds an understated agent`,
    async () => {
      const agent = await firstUnderstated(app);
      await page.goto(`${FRONTEND}/agent-risk`);
      const exposure = page.locator(
        'table[aria-label="Systems Critical and High agents can act on"]',
      );
      await exposure.waitFor({ timeout: 60_000 });
      const systems = await exposure.locator('tbody tr').count();
      assert(systems > 0, 'the exposure view lists no system');
      await page
        .getByRole('checkbox', { name: 'Understated by the evidence' })
        .check();
      await page.waitForURL(/understated=true/);
      const mark = page
        .locator('[data-testid="ranking-row-understated"]')
        .first();
      await mark.waitFor({ timeout: 30_000 });
      const names = await page
        .locator('[data-testid="ranking-row-name"]')
        .allInnerTexts();
      assert(
        names.includes(agent.title ?? agent.name),
        `"${agent.title ?? agent.name}" not among ${names}`,
      );
      await layoutAndAxe(page);
    },
  );

  await check(
    `the ranking ${at}: discovered agents not yet assessed, said on their rows`,
    async () => {
      await page.goto(`${FRONTEND}/agent-risk?discovered=true&assessed=false`);
      const marks = page.locator('[data-testid="ranking-row-provenance"]');
      await marks.first().waitFor({ timeout: 60_000 });
      const texts = await marks.allInnerTexts();
      assert(
        texts.length >= 3 &&
          texts.every(
            t => t === 'Discovered from its agent card · Not yet assessed',
          ),
        `provenance marks: ${JSON.stringify(texts)}`,
      );
      await layoutAndAxe(page);
    },
  );

  await check(
    `an understated agent's Risk tab ${at}: its finding in words`,
    async () => {
      const agent = await firstUnderstated(app);
      const record = await apiGet(
        app,
        `/agents/${agent.entityRef.replace(/^(\w+):(\w+)\//, '$1/$2/')}`,
      );
      const finding = record.evidence.find(
        f => f.factor !== null && f.bound !== null,
      );
      assert(finding, `no finding in ${JSON.stringify(record.evidence)}`);
      const { kind, namespace, name } =
        /^(?<kind>[^:]+):(?<namespace>[^/]+)\/(?<name>.+)$/.exec(
          agent.entityRef,
        ).groups;
      await page.goto(
        `${FRONTEND}/catalog/${namespace}/${kind.toLowerCase()}/${name}/risk`,
      );
      const item = page.locator(`[data-testid="evidence-${finding.rule}"]`);
      await item.waitFor({ timeout: 60_000 });
      const text = await item.innerText();
      assert(/Understated/.test(text), `not marked understated: ${text}`);
      await layoutAndAxe(page);
    },
  );

  await check(
    `the support chatbot's Risk tab ${at}: helpdesk-mcp's tools with may-write and may-destroy marks`,
    async () => {
      await page.goto(
        `${FRONTEND}/catalog/default/component/support-chatbot/risk`,
      );
      const table = page.locator('table[aria-label*="helpdesk-mcp"]').first();
      await table.waitFor({ timeout: 60_000 });
      const text = await table.innerText();
      assert(/May write/.test(text), `no "May write": ${text}`);
      assert(/May destroy/.test(text), `no "May destroy": ${text}`);
      // The reach graph marks the same server with what its tools may do.
      // (Its other servers, never listed, are marked from their definitions.)
      const marked = page.locator('[aria-label^="Graph of what"] [data-tools]');
      await marked.first().waitFor({ timeout: 30_000 });
      const marks = await marked.allTextContents();
      assert(
        marks.some(m => /helpdesk-mcp/.test(m) && /may destroy/.test(m)),
        `reach graph marks: ${marks.join(' | ')}`,
      );
      await layoutAndAxe(page);
    },
  );
}

module.exports = { factsWidthChecks };
