// Risk acceptance in the browser (issue 9): guest, an owner, asks on the Risk
// tab; erin of the security group approves through the example policy (signed
// in with the example backend's demo sign-in); the tab and the ranking then
// say who accepted it until when. The acceptance is revoked at the end, so a
// reused app or database starts the next run clean.
const { FRONTEND, BACKEND, demoUserToken } = require('../app');
const { check, assert, eventually } = require('../helpers');

async function acceptanceChecks({ page, app }) {
  const guestHeaders = { authorization: `Bearer ${app.token}` };
  let agent;

  await check(
    'guest asks on the Risk tab to accept an owned agent’s risk; it is pending',
    async () => {
      const owned = await (
        await fetch(
          `${BACKEND}/api/agent-risk/agents?owner=group:default/ai-platform&status=scored&limit=100`,
          { headers: guestHeaders },
        )
      ).json();
      agent = owned.items.find(
        i =>
          !i.acceptance ||
          !['pending', 'accepted'].includes(i.acceptance.state),
      );
      assert(agent, 'AI Platform owns no scored agent without an acceptance');
      const [kind, rest] = agent.entityRef.split(':');
      const [namespace, name] = rest.split('/');
      agent.path = `${kind}/${namespace}/${name}`;
      await page.goto(`${FRONTEND}/catalog/${namespace}/${kind}/${name}/risk`);
      const justification = page.getByLabel(/why accept this risk/i);
      await justification.waitFor({ timeout: 60_000 });
      await justification.fill('Sandboxed until the review in March');
      const [response] = await Promise.all([
        page.waitForResponse(
          r =>
            r.url().endsWith(`/agents/${agent.path}/acceptance`) &&
            r.request().method() === 'POST',
        ),
        page.getByRole('button', { name: /ask to accept the risk/i }).click(),
      ]);
      assert(
        response.status() === 201,
        `asking answered ${response.status()}: ${await response.text()}`,
      );
      await page
        .locator('[data-testid="acceptance-status"]')
        .filter({ hasText: /waiting for approval/i })
        .waitFor({ timeout: 10_000 });
      // Guest may not approve (not in the security group, and it is their own request).
      assert(
        await page.getByRole('button', { name: /^approve$/i }).isDisabled(),
        'guest can approve the acceptance',
      );
    },
  );

  await check(
    'erin of the security group approves; the tab and the ranking say accepted until when, by Erin Eze (her display name)',
    async () => {
      assert(agent, 'nothing was asked for');
      const erin = await demoUserToken('erin');
      const approved = await fetch(
        `${BACKEND}/api/agent-risk/agents/${agent.path}/acceptance/approve`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${erin}`,
            'content-type': 'application/json',
          },
          body: '{}',
        },
      );
      assert(
        approved.status === 200,
        `approve as erin answered ${approved.status}: ${await approved.text()}`,
      );
      // A developer outside the security group may not.
      const bob = await demoUserToken('bob');
      const refused = await fetch(
        `${BACKEND}/api/agent-risk/agents/${agent.path}/acceptance/approve`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${bob}`,
            'content-type': 'application/json',
          },
          body: '{}',
        },
      );
      assert(
        refused.status === 403,
        `approve as bob answered ${refused.status}`,
      );

      await page.reload();
      const status = page.locator('[data-testid="acceptance-status"]');
      await status.waitFor({ timeout: 60_000 });
      const text = await eventually(
        async () => (await status.innerText()).trim(),
        // The name shows as "erin" until the catalog's display name loads.
        t => /accepted until .+ by\s+Erin Eze/i.test(t),
        15_000,
      );
      assert(
        /accepted until .+ by\s+Erin Eze/i.test(text),
        `the Risk tab says "${text}"`,
      );

      await page.goto(`${FRONTEND}/agent-risk?acceptance=accepted`);
      const marker = page.locator('[data-testid="ranking-row-acceptance"]');
      await marker.first().waitFor({ timeout: 60_000 });
      const names = await page
        .locator('[data-testid="ranking-row-name"]')
        .allInnerTexts();
      assert(
        names.includes(agent.title),
        `the accepted filter lists ${JSON.stringify(names)}, not ${
          agent.title
        }`,
      );
      assert(
        /accepted until .+ by\s+Erin Eze/i.test(
          await marker.first().innerText(),
        ),
        'the ranking row does not say who accepted it until when',
      );
    },
  );

  await check(
    'the audit trail holds the request and the approval; revoking keeps the record',
    async () => {
      assert(agent, 'nothing was asked for');
      const audit = await (
        await fetch(`${BACKEND}/api/agent-risk/agents/${agent.path}/audit`, {
          headers: guestHeaders,
        })
      ).json();
      const steps = audit.items.slice(0, 2).map(e => `${e.action} ${e.actor}`);
      assert(
        JSON.stringify(steps) ===
          JSON.stringify([
            'accept-approve user:default/erin',
            'accept-request user:default/guest',
          ]),
        `audit: ${JSON.stringify(steps)}`,
      );
      const revoked = await fetch(
        `${BACKEND}/api/agent-risk/agents/${
          agent.path
        }/acceptance?reason=${encodeURIComponent('e2e run finished')}`,
        { method: 'DELETE', headers: guestHeaders },
      );
      assert(revoked.status === 204, `revoke answered ${revoked.status}`);
      const record = await (
        await fetch(`${BACKEND}/api/agent-risk/agents/${agent.path}`, {
          headers: guestHeaders,
        })
      ).json();
      assert(
        record.acceptance?.state === 'revoked',
        `after revoking: ${JSON.stringify(record.acceptance)}`,
      );
    },
  );
}

module.exports = { acceptanceChecks };
