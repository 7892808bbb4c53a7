// The register page's form, as the register checks fill it: prefilled from
// the Athena example page, named, given to the AI Platform team, submitted.
const fs = require('fs');
const path = require('path');
const { FRONTEND, ROOT } = require('../app');

const EXAMPLE_PAGE = path.join(
  ROOT,
  'examples/threat-models/athena.directory-page.txt',
);

/** Picks `option` in the select or autocomplete labelled `label`. */
async function choose(page, label, option) {
  await page.getByLabel(label).first().click();
  // A picker's option reads its title, then the entity ref: match the start.
  const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .getByRole('option', { name: new RegExp(`^${escaped}`) })
    .first()
    .click();
  await page.keyboard.press('Escape');
}

/** Opens the register page and prefills it from the Athena example page. */
async function openPrefilledRegisterPage(page) {
  await page.goto(`${FRONTEND}/agent-risk/register`);
  const document = page.getByLabel(/paste a threat-model document/i);
  await document.waitFor({ timeout: 60_000 });
  await document.fill(fs.readFileSync(EXAMPLE_PAGE, 'utf8'));
  await page.getByRole('button', { name: 'Prefill', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /prefilled/i })
    .first()
    .waitFor({ timeout: 10_000 });
}

/**
 * Names the agent (and titles it, when `title` is given) and gives it to the
 * AI Platform team as experimental.
 */
async function fillAgentFields(page, { name, title }) {
  await page.getByLabel(/^name/i).first().fill(name);
  if (title !== undefined) {
    await page
      .getByLabel(/^title/i)
      .first()
      .fill(title);
  }
  await choose(page, /^owner/i, 'AI Platform');
  await choose(page, /^lifecycle/i, 'experimental');
}

/** Fills the audit trail's reason. */
async function fillReason(page, reason) {
  await page.getByLabel(/reason \(kept in the audit trail\)/i).fill(reason);
}

/** Clicks Register agent; resolves to the answer of its POST. */
async function clickRegister(page) {
  const [response] = await Promise.all([
    page.waitForResponse(
      r =>
        r.url().endsWith('/api/agent-risk/registry/agents') &&
        r.request().method() === 'POST',
    ),
    page.getByRole('button', { name: /register agent/i }).click(),
  ]);
  return response;
}

module.exports = {
  choose,
  openPrefilledRegisterPage,
  fillAgentFields,
  fillReason,
  clickRegister,
};
