// Launches Debian's Chromium through playwright-core. Never downloads a browser.
const { chromium } = require('playwright-core');
const fs = require('fs');

const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter(Boolean);

function chromiumPath() {
  const found = CHROMIUM_CANDIDATES.find(p => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (looked in ${CHROMIUM_CANDIDATES.join(
        ', ',
      )}). Install Debian's package: apt-get install -y chromium`,
    );
  }
  return found;
}

async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

module.exports = { launchBrowser, chromiumPath };
