// The notifications page: the owner hears of an overdue review once.
const { FRONTEND, BACKEND } = require('../app');
const { waitFor } = require('../../lib/polling');
const { check, assert } = require('../helpers');

async function notificationChecks({ page, app }) {
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
            n => n.origin === 'plugin:agent-risk' && n.payload.title === title,
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
}

module.exports = { notificationChecks };
