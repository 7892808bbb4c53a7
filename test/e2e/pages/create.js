// Create… (/create): the "Register an AI agent" software template is listed,
// and running it as erin of the security team (through the scaffolder's task
// API with her token: the form's many pickers make the UI slow and fragile to
// drive) registers an agent that the ranking then shows with its score.
const { FRONTEND, BACKEND, demoUserToken } = require('../app');
const {
  check,
  assert,
  eventually,
  rankingNames,
  pageOverflow,
} = require('../helpers');

const TEMPLATE = 'template:default/register-ai-agent';
const EXAMPLE_VALUES = require('../../../examples/templates/register-agent/example-values.json');

async function createWidthChecks({ page }, viewport) {
  const at = `at ${viewport.width} px`;
  await check(
    `/create ${at}: lists the "Register an AI agent" template`,
    async () => {
      await page.goto(`${FRONTEND}/create`);
      await page
        .getByText('Register an AI agent', { exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
      const overflow = await pageOverflow(page);
      assert(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
    },
  );
}

async function createChecks({ page, app }) {
  await check(
    'the "Register an AI agent" template run as erin (security team) registers an agent the ranking shows with its score',
    async () => {
      const name = `e2e-template-${Date.now().toString(36)}`;
      const erin = {
        authorization: `Bearer ${await demoUserToken('erin')}`,
        'content-type': 'application/json',
      };
      const created = await fetch(`${BACKEND}/api/scaffolder/v2/tasks`, {
        method: 'POST',
        headers: erin,
        body: JSON.stringify({
          templateRef: TEMPLATE,
          // The example values beside the template, the scaffolder module's
          // test fills too; this app has no finance system.
          values: {
            ...EXAMPLE_VALUES,
            name,
            title: 'E2E Template Agent',
            description: 'Registered through the software template',
            lifecycle: 'experimental',
            system: undefined,
            reason: 'Registered by the e2e run through the template',
          },
        }),
      });
      const createdBody = await created.text();
      assert(
        created.status === 201,
        `the scaffolder answered ${created.status}: ${createdBody}`,
      );
      const { id } = JSON.parse(createdBody);
      const task = await eventually(
        async () =>
          (
            await fetch(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, {
              headers: erin,
            })
          ).json(),
        t => ['completed', 'failed', 'cancelled'].includes(t.status),
        60_000,
      );
      assert(task.status === 'completed', `the task ${task.status}`);
      const headers = { authorization: `Bearer ${app.token}` };
      const record = await eventually(
        async () => {
          const res = await fetch(
            `${BACKEND}/api/agent-risk/agents/airesource/default/${name}`,
            { headers },
          );
          return res.ok ? res.json() : undefined;
        },
        Boolean,
        30_000,
      );
      assert(
        record && record.status === 'scored' && record.score > 0,
        `the agent is ${JSON.stringify(record && record.status)}`,
      );
      // The audit names erin: the template acted with her credentials.
      const audit = await (
        await fetch(
          `${BACKEND}/api/agent-risk/agents/airesource/default/${name}/audit`,
          { headers },
        )
      ).json();
      assert(
        audit.items?.[0]?.actor === 'user:default/erin',
        `audit actor ${audit.items?.[0]?.actor}`,
      );
      await page.goto(`${FRONTEND}/agent-risk?q=${name}`);
      const names = await eventually(
        () => rankingNames(page),
        n => n.length === 1,
        30_000,
      );
      assert(
        names.length === 1 && names[0].includes('E2E Template Agent'),
        `the ranking shows ${names}`,
      );
      const score = await page
        .locator('[data-testid="ranking-row-score"]')
        .first()
        .innerText();
      assert(
        score.trim() === record.score.toFixed(1),
        `the ranking shows ${score}, the record ${record.score}`,
      );
    },
  );
}

module.exports = { createChecks, createWidthChecks };
