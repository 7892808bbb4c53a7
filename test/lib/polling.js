// Waiting for the servers the test harnesses start: shared by the browser
// e2e, the adoption test and the resilience suite.

/** True when the URL answers with anything but a server error. */
async function isUp(url) {
  try {
    const res = await fetch(url);
    return res.status < 500;
  } catch {
    return false;
  }
}

/**
 * Calls `check` until it returns something truthy, and returns that.
 * `assertAlive` runs between tries, so a harness can stop waiting as soon as a
 * process it started has died.
 */
async function waitFor(
  what,
  check,
  timeoutMs,
  { everyMs = 1000, assertAlive = () => {} } = {},
) {
  const started = Date.now();
  for (;;) {
    const result = await check();
    if (result) return result;
    assertAlive();
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Timed out after ${timeoutMs / 1000}s waiting for ${what}`,
      );
    }
    await new Promise(r => setTimeout(r, everyMs));
  }
}

/** A guest user's Backstage token from the backend at `backendUrl`, or undefined. */
async function guestToken(backendUrl) {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  }).catch(() => undefined);
  if (!res || !res.ok) return undefined;
  return (await res.json())?.backstageIdentity?.token;
}

/**
 * Another example user's token, through the example backend's demo sign-in
 * (only with app-config.demo-users.yaml, and only from loopback): the
 * harnesses act as erin of the security team, who may sync, approve and
 * assign agents to any team.
 */
async function demoUserToken(backendUrl, name) {
  const res = await fetch(`${backendUrl}/api/auth/demo-users/refresh`, {
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      'x-agent-risk-demo-user': name,
    },
  });
  if (!res.ok) {
    throw new Error(
      `demo sign-in as ${name} answered ${res.status}: ${await res.text()}`,
    );
  }
  return (await res.json()).backstageIdentity.token;
}

module.exports = { isUp, waitFor, guestToken, demoUserToken };
