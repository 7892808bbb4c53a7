// The register page's feedback (no errors before a field is touched; a taken
// name shown at the Name field) and deleting an agent from its Risk tab.
const { FRONTEND, BACKEND } = require('../app');
const { check, assert, eventually, rankingNames } = require('../helpers');
const {
  clickRegister,
  fillAgentFields,
  fillReason,
  openPrefilledRegisterPage,
} = require('./registerForm');

async function registerFeedbackChecks({ page }) {
  await check(
    'register page: no error text before a field is touched',
    async () => {
      await page.goto(`${FRONTEND}/agent-risk/register`);
      const page$ = page.locator('[data-testid="agent-risk-register-page"]');
      await page
        .locator('[data-testid="agent-risk-register-score"]')
        .waitFor({ timeout: 60_000 });
      const errors = await page$
        .locator('.Mui-error, [aria-invalid="true"]')
        .count();
      assert(errors === 0, `${errors} fields in error before any touch`);
      // "To fix first: …" under the button is guidance in plain text, not an error.
      const alerts = await page$.getByRole('alert').count();
      assert(alerts === 0, `${alerts} alerts before any touch`);
      // Touching a required field and leaving it empty shows its error there.
      const nameField = page.getByLabel(/^name/i).first();
      await nameField.focus();
      await nameField.blur();
      await page$
        .locator('#register-name-helper-text')
        .waitFor({ timeout: 5_000 });
    },
  );

  await check(
    'register page: a name already taken is said at the Name field, and nothing is registered',
    async () => {
      await openPrefilledRegisterPage(page);
      // Athena is an example agent of the AI Platform's, guest's team.
      await fillAgentFields(page, { name: 'athena' });
      await fillReason(page, 'Registered twice by the e2e run');
      const response = await clickRegister(page);
      assert(
        response.status() === 409,
        `register answered ${response.status()}`,
      );
      const helper = page.locator('#register-name-helper-text');
      await helper.waitFor({ timeout: 10_000 });
      const text = await helper.innerText();
      assert(
        /athena already exists/i.test(text),
        `the Name field says "${text}"`,
      );
      assert(
        (await page
          .getByLabel(/^name/i)
          .first()
          .getAttribute('aria-invalid')) === 'true',
        'the Name field is not marked invalid',
      );
    },
  );
}

/** Deletes the agent the register checks made, from its Risk tab. */
async function deleteAgentChecks({ page, app }, { name }) {
  await check(
    'deletes an agent from its Risk tab with a reason and a confirmation; it leaves the ranking',
    async () => {
      assert(name, 'no agent was registered to delete');
      const headers = { authorization: `Bearer ${app.token}` };
      await page.goto(`${FRONTEND}/catalog/default/airesource/${name}/risk`);
      const button = page.locator('[data-testid="agent-risk-delete"]');
      await button.waitFor({ timeout: 60_000 });
      await button.click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: 10_000 });
      const confirm = dialog.getByRole('button', {
        name: 'Delete',
        exact: true,
      });
      assert(await confirm.isDisabled(), 'Delete is enabled without a reason');
      await dialog
        .getByLabel(/reason \(kept in the audit trail\)/i)
        .fill('Retired by the e2e run');
      const [response] = await Promise.all([
        page.waitForResponse(
          r =>
            r
              .url()
              .includes(`/api/agent-risk/registry/agents/default/${name}`) &&
            r.request().method() === 'DELETE',
        ),
        confirm.click(),
      ]);
      assert(response.ok(), `delete answered ${response.status()}`);
      const gone = await eventually(
        async () =>
          (
            await fetch(
              `${BACKEND}/api/agent-risk/agents/airesource/default/${name}`,
              { headers },
            )
          ).status,
        status => status === 404,
        20_000,
      );
      assert(gone === 404, `the agent still answers ${gone}`);
      await page.goto(`${FRONTEND}/agent-risk?q=${name}`);
      await page
        .getByText(/no agents match these filters/i)
        .first()
        .waitFor({ timeout: 30_000 });
      const names = await rankingNames(page);
      assert(names.length === 0, `the ranking still lists ${names}`);
    },
  );
}

module.exports = { registerFeedbackChecks, deleteAgentChecks };
