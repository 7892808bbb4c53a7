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

module.exports = { isUp, waitFor, guestToken };
