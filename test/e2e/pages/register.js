// The registry in the browser (issue 8's acceptance): register an agent on
// the register page as guest, see it in the catalog and the ranking with the
// CLI's score, edit it from its Risk tab, read the audit trail, and find the
// edges the example permission policy draws (another team's agent: no edit,
// 403; a YAML agent: 409).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { FRONTEND, BACKEND, ROOT, demoUserToken } = require('../app');
const {
  check,
  assert,
  eventually,
  accessibilityViolations,
  pageOverflow,
} = require('../helpers');
const {
  clickRegister,
  fillAgentFields,
  fillReason,
  openPrefilledRegisterPage,
} = require('./registerForm');

/** `agent-risk score` of one entity, as the CLI prints it. */
function cliScore(entity) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-e2e-'));
  const file = path.join(dir, 'entity.yaml');
  // JSON is YAML: the entity exactly as the catalog serves it.
  fs.writeFileSync(file, JSON.stringify(entity));
  const cli = spawnSync(
    'node',
    ['packages/agent-risk-cli/bin/agent-risk', 'score', file],
    { cwd: ROOT, encoding: 'utf8' },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const line = cli.stdout.trim().split('\n').filter(Boolean)[0];
  if (!line) {
    throw new Error(`agent-risk score printed nothing: ${cli.stderr}`);
  }
  return JSON.parse(line);
}

async function registryChecks({ page, app }) {
  const headers = {
    authorization: `Bearer ${app.token}`,
    'content-type': 'application/json',
  };
  const api = (route, init = {}) =>
    fetch(`${BACKEND}/api/agent-risk${route}`, { headers, ...init });
  // Unique per run: a reused app (or a persistent database) keeps older runs' agents.
  const name = `e2e-agent-${Date.now().toString(36)}`;
  const ref = `airesource:default/${name}`;
  let registered;

  for (const width of [1440, 420]) {
    await check(
      `register page at ${width} px: no axe violations, nothing wider than the screen`,
      async () => {
        await page.setViewportSize({ width, height: 1000 });
        await page.goto(`${FRONTEND}/agent-risk/register`);
        await page
          .locator('[data-testid="agent-risk-register-score"]')
          .waitFor({ timeout: 60_000 });
        const violations = await accessibilityViolations(page);
        assert(violations.length === 0, violations.join('\n'));
        const overflow = await pageOverflow(page);
        assert(
          overflow <= 0,
          `the page is ${overflow} px wider than the screen`,
        );
      },
    );
  }
  await page.setViewportSize({ width: 1440, height: 1000 });

  await check(
    'registers an agent on the register page as guest: the score updates as you type, and within 10 s the catalog and the ranking have it with the score `agent-risk score` gives',
    async () => {
      await openPrefilledRegisterPage(page);

      const scoreShown = page.locator(
        '[data-testid="agent-risk-register-score"]',
      );
      const prefilled = (await scoreShown.innerText()).trim();
      await fillAgentFields(page, { name, title: 'E2E Agent' });

      // The score follows the inputs: raise the CVSS base and watch it move.
      const cvss = page.getByLabel(/cvss 4\.0 base score/i).first();
      await cvss.fill('4.2');
      const typed = await eventually(
        async () => (await scoreShown.innerText()).trim(),
        text => text !== prefilled,
        5_000,
      );
      assert(
        typed !== prefilled,
        `the live score stayed ${prefilled} after the CVSS base changed`,
      );

      await fillReason(page, 'Registered by the e2e run');
      // While the catalog catches up, the page says so (held 0.8-2.4 s in the example app).
      const waiting = page
        .locator('[data-testid="agent-risk-register-progress"]')
        .getByText(/waiting for the catalog/i)
        .first()
        .waitFor({ timeout: 15_000 })
        .then(
          () => true,
          () => false,
        );
      const submittedAt = Date.now();
      const response = await clickRegister(page);
      assert(
        response.status() === 201,
        `register answered ${response.status()}: ${await response.text()}`,
      );
      assert(
        await waiting,
        'no "Waiting for the catalog" message after Register',
      );
      await page.waitForURL(new RegExp(`/${name}/risk`), { timeout: 20_000 });

      const entity = await eventually(
        async () => {
          const res = await fetch(
            `${BACKEND}/api/catalog/entities/by-name/airesource/default/${name}`,
            { headers },
          );
          return res.ok ? res.json() : undefined;
        },
        Boolean,
        10_000,
      );
      assert(
        entity,
        `the catalog did not have ${ref} within 10 s of submitting`,
      );
      const listed = await eventually(
        async () => (await (await api(`/agents?q=${name}`)).json()).items?.[0],
        Boolean,
        10_000 - Math.min(10_000, Date.now() - submittedAt) + 1_000,
      );
      assert(listed, `the ranking does not list ${ref}`);
      const cli = cliScore(entity);
      assert(
        cli.entityRef === ref &&
          cli.status === listed.status &&
          cli.score === listed.score,
        `ranking ${listed.status} ${listed.score}, CLI ${cli.status} ${cli.score}`,
      );
      assert(
        typed.includes(listed.score.toFixed(1)),
        `the page showed ${typed} before submitting, the ranking has ${listed.score}`,
      );
      registered = { entity, score: listed.score };
    },
  );

  await check(
    'edits one factor with a reason on its Risk tab: the new score is stored',
    async () => {
      assert(registered, 'no agent was registered');
      await page.goto(`${FRONTEND}/catalog/default/airesource/${name}/risk`);
      const whatIf = page.locator('[data-testid="what-if-result"]');
      await whatIf.waitFor({ timeout: 60_000 });
      // Move the factor to the far end from where it is, so the score must change.
      const slider = page.getByRole('slider', { name: /autonomy of action/i });
      const value = Number(await slider.getAttribute('aria-valuenow'));
      await slider.focus();
      await page.keyboard.press(value >= 0.5 ? 'Home' : 'End');
      await page
        .getByLabel(/reason for the change/i)
        .fill('Autonomy is gated by review now');
      const [response] = await Promise.all([
        page.waitForResponse(
          r =>
            r
              .url()
              .includes(`/api/agent-risk/registry/agents/default/${name}`) &&
            r.request().method() === 'PUT',
        ),
        page.getByRole('button', { name: /save as the assessment/i }).click(),
      ]);
      assert(
        response.status() === 200,
        `save answered ${response.status()}: ${await response.text()}`,
      );
      const record = await (
        await api(`/agents/airesource/default/${name}`)
      ).json();
      assert(
        record.score !== registered.score,
        `score after moving autonomy: ${record.score}, before ${registered.score}`,
      );
    },
  );

  await check(
    'the audit trail shows the create and the update, both by user:default/guest (the Risk tab: by Guest, the display name)',
    async () => {
      const audit = await (
        await api(`/agents/airesource/default/${name}/audit`)
      ).json();
      const actions = (audit.items ?? []).map(e => `${e.action} ${e.actor}`);
      assert(
        JSON.stringify(actions) ===
          JSON.stringify([
            'update user:default/guest',
            'create user:default/guest',
          ]),
        `audit: ${JSON.stringify(actions)}`,
      );
      const autonomy = audit.items[0].changes.find(c =>
        /autonomy/.test(c.field),
      );
      assert(autonomy, 'the update does not name the autonomy factor');
      await page.reload();
      const rows = page.locator('[data-testid="agent-risk-audit-entry"]');
      await rows.nth(1).waitFor({ timeout: 30_000 });
      // The actor's display name arrives after the row (the catalog's
      // entity presentation loads it); until then the row says "guest".
      const says = texts =>
        texts.length === 2 &&
        texts.every(
          text => text.includes('Guest') && !text.includes('user:default'),
        ) &&
        texts[0].includes('Autonomy is gated by review now');
      const shown = await eventually(() => rows.allInnerTexts(), says, 15_000);
      assert(
        says(shown),
        `the Risk tab's audit trail shows ${JSON.stringify(shown)}`,
      );
    },
  );

  await check(
    'saves one moved factor on a registry agent’s Risk tab: the audit shows exactly that field, the CVSS vector and named levels stay, and the new score shows without a reload',
    async () => {
      assert(registered, 'no agent was registered');
      const vectored = `e2e-vector-${Date.now().toString(36)}`;
      const vector =
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N';
      const entity = JSON.parse(JSON.stringify(registered.entity));
      const annotations = Object.fromEntries(
        Object.entries(entity.metadata.annotations).filter(
          ([key]) =>
            /^aivss\.owasp\.org\//.test(key) &&
            key !== 'aivss.owasp.org/cvss-base',
        ),
      );
      entity.metadata = {
        name: vectored,
        namespace: 'default',
        title: 'E2E Vector Agent',
        annotations: {
          ...annotations,
          'aivss.owasp.org/autonomy-of-action': '0.2',
          'aivss.owasp.org/cvss-vector': vector,
          'aivss.owasp.org/mitigation-factor': 'partial',
          'aivss.owasp.org/threat-multiplier': 'unreported',
        },
      };
      delete entity.relations;
      const created = await api('/registry/agents', {
        method: 'POST',
        body: JSON.stringify({ entity, reason: 'a vector and named levels' }),
      });
      assert(created.status === 201, `register answered ${created.status}`);
      const before = await (
        await api(`/agents/airesource/default/${vectored}`)
      ).json();
      await eventually(
        async () =>
          (
            await fetch(
              `${BACKEND}/api/catalog/entities/by-name/airesource/default/${vectored}`,
              { headers },
            )
          ).ok,
        Boolean,
        15_000,
      );
      await page.goto(
        `${FRONTEND}/catalog/default/airesource/${vectored}/risk`,
      );
      const headline = page.locator('[data-testid="risk-headline"]');
      await headline.waitFor({ timeout: 60_000 });
      const slider = page.getByRole('slider', { name: /autonomy of action/i });
      await slider.focus();
      await page.keyboard.press('End');
      await page
        .getByLabel(/reason for the change/i)
        .fill('Runs unattended now');
      const [response] = await Promise.all([
        page.waitForResponse(
          r =>
            r
              .url()
              .includes(
                `/api/agent-risk/registry/agents/default/${vectored}`,
              ) && r.request().method() === 'PUT',
        ),
        page.getByRole('button', { name: /save as the assessment/i }).click(),
      ]);
      assert(
        response.status() === 200,
        `save answered ${response.status()}: ${await response.text()}`,
      );
      const audit = await (
        await api(`/agents/airesource/default/${vectored}/audit`)
      ).json();
      // Exactly the moved factor (the review date the registry sets with it
      // is the entry's own time, not audited as a change).
      const changed = audit.items[0].changes.map(c => c.field);
      assert(
        JSON.stringify(changed) ===
          JSON.stringify(['aivss.owasp.org/autonomy-of-action']),
        `the save changed ${JSON.stringify(audit.items[0].changes)}`,
      );
      const after = await (
        await api(`/agents/airesource/default/${vectored}`)
      ).json();
      assert(
        after.score !== before.score && after.cvssBase === 7.1,
        `after the save: score ${after.score} (before ${before.score}), CVSS base ${after.cvssBase}`,
      );
      const stored = await eventually(
        async () => {
          const res = await fetch(
            `${BACKEND}/api/catalog/entities/by-name/airesource/default/${vectored}`,
            { headers },
          );
          const current = res.ok ? await res.json() : undefined;
          return current?.metadata.annotations[
            'aivss.owasp.org/autonomy-of-action'
          ] === '1'
            ? current.metadata.annotations
            : undefined;
        },
        Boolean,
        15_000,
      );
      assert(
        stored &&
          stored['aivss.owasp.org/cvss-vector'] === vector &&
          stored['aivss.owasp.org/cvss-base'] === undefined &&
          stored['aivss.owasp.org/mitigation-factor'] === 'partial' &&
          stored['aivss.owasp.org/threat-multiplier'] === 'unreported',
        `the catalog has ${JSON.stringify(stored)}`,
      );
      // No reload: the tab shows the new score and the audit entry.
      const shownScore = await eventually(
        async () => headline.innerText(),
        text => text.includes(`AIVSS ${after.score.toFixed(1)}`),
        10_000,
      );
      assert(
        shownScore.includes(`AIVSS ${after.score.toFixed(1)}`),
        `the headline shows ${shownScore}, the record ${after.score}`,
      );
      const rows = page.locator('[data-testid="agent-risk-audit-entry"]');
      const shownAudit = await eventually(
        async () => rows.allInnerTexts(),
        texts => texts.length === 2,
        10_000,
      );
      assert(
        shownAudit.length === 2 &&
          shownAudit[0].includes('Runs unattended now'),
        `the Risk tab's audit trail shows ${JSON.stringify(shownAudit)}`,
      );
    },
  );

  await check(
    'guest may not file an agent on another team (spec.owner); the security team may, and guest then has no edit',
    async () => {
      const other = `e2e-other-${Date.now().toString(36)}`;
      const entity = JSON.parse(JSON.stringify(registered.entity));
      entity.metadata = {
        name: other,
        namespace: 'default',
        title: 'E2E Other Team Agent',
        annotations: Object.fromEntries(
          Object.entries(entity.metadata.annotations).filter(([key]) =>
            /^(aivss\.owasp\.org|maestro\.csa\.org)\//.test(key),
          ),
        ),
      };
      entity.spec = { ...entity.spec, owner: 'group:default/trading-desk' };
      delete entity.relations;
      const body = JSON.stringify({ entity, reason: 'for the trading desk' });
      const refused = await api('/registry/agents', { method: 'POST', body });
      const refusal = await refused.text();
      assert(
        refused.status === 403 && refusal.includes('spec.owner'),
        `guest registering for another team answered ${refused.status}: ${refusal}`,
      );
      // erin of the security team holds agent-risk.agent.assign in the example policy.
      const erin = await demoUserToken('erin');
      const created = await fetch(`${BACKEND}/api/agent-risk/registry/agents`, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${erin}` },
        body,
      });
      assert(
        created.status === 201,
        `erin registering for the trading desk answered ${
          created.status
        }: ${await created.text()}`,
      );
      const put = await api(`/registry/agents/default/${other}`, {
        method: 'PUT',
        body: JSON.stringify({ entity, reason: 'not mine' }),
      });
      assert(put.status === 403, `PUT on another team's agent: ${put.status}`);
      // The catalog has it within one provider poll.
      await eventually(
        async () =>
          (
            await fetch(
              `${BACKEND}/api/catalog/entities/by-name/airesource/default/${other}`,
              { headers },
            )
          ).ok,
        Boolean,
        15_000,
      );
      await page.goto(`${FRONTEND}/catalog/default/airesource/${other}/risk`, {
        timeout: 60_000,
      });
      await eventually(
        async () => page.locator('[data-testid="what-if-result"]').count(),
        n => n > 0,
        30_000,
      );
      const save = page.getByRole('button', {
        name: /save as the assessment/i,
      });
      await save.waitFor({ timeout: 30_000 });
      assert(
        await save.isDisabled(),
        'Save is enabled on another team’s agent',
      );
      await page
        .getByText(/you may not change this agent/i)
        .first()
        .waitFor({ timeout: 10_000 });
    },
  );

  await check(
    "PUT on a YAML agent of guest's own team answers 409 (its YAML owns it)",
    async () => {
      const owned = await (
        await api('/agents?owner=group:default/ai-platform&limit=100')
      ).json();
      const yaml = owned.items.find(
        i => !i.entityRef.startsWith('airesource:default/e2e-'),
      );
      assert(yaml, 'AI Platform owns no YAML agent in the example catalog');
      const [kind, rest] = yaml.entityRef.split(':');
      const [namespace, agentName] = rest.split('/');
      const entity = await (
        await fetch(
          `${BACKEND}/api/catalog/entities/by-name/${kind}/${namespace}/${agentName}`,
          { headers },
        )
      ).json();
      const res = await api(`/registry/agents/${namespace}/${agentName}`, {
        method: 'PUT',
        body: JSON.stringify({ entity, reason: 'fork it' }),
      });
      assert(
        res.status === 409,
        `PUT on YAML ${yaml.entityRef} answered ${res.status}`,
      );
      // Another team's YAML agent: the permission answers first.
      const codegen = await api('/registry/agents/default/codegen', {
        method: 'PUT',
        body: JSON.stringify({ entity, reason: 'not mine' }),
      });
      assert(
        codegen.status === 403,
        `PUT on Developer Experience's Codegen answered ${codegen.status}`,
      );
    },
  );

  await check(
    'an imported A2A agent card is an incomplete agent whose skills show on its page',
    async () => {
      const card = await (
        await api('/agents/airesource/default/invoice-triage-agent')
      ).json();
      assert(
        card.status === 'incomplete',
        `invoice-triage-agent is ${card.status}`,
      );
      await page.goto(
        `${FRONTEND}/catalog/default/airesource/invoice-triage-agent`,
      );
      await page
        .getByText(/match purchase order/i)
        .first()
        .waitFor({ timeout: 60_000 });
    },
  );
  return { name };
}

module.exports = { registryChecks };
