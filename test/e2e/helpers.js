// Shared by every page's checks: the runner's check/assert, polling,
// screenshots, axe-core, layout probes and the console watch.
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./app');

const takeScreenshots = process.argv.includes('--screenshots');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const results = [];

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 1000 },
  { name: 'phone', width: 420, height: 900 },
];

/** The plugins' root elements: accessibility checks are scoped to these. */
const PLUGIN_ROOTS = [
  '[data-testid="agent-risk-ranking-page"]',
  '[data-testid="agent-risk-tab"]',
  '[data-testid="agent-risk-card"]',
  '[data-testid="agent-risk-group-card"]',
  '[data-testid="agent-risk-register-page"]',
  '[data-testid="agent-risk-search-result"]',
];

/**
 * Console messages that are not ours to fix here, each with the reason.
 * Everything else of type error or warning fails the run.
 */
const ALLOWED_CONSOLE = [
  // The app shell's router (packages/app, not the plugins) has not opted into
  // React Router's v7 behaviour yet; these notices appear on every page.
  /^⚠️ React Router Future Flag Warning:/,
  // Material UI v4 (Backstage's own sidebar, buttons and links as much as the
  // plugins') calls findDOMNode, which React deprecates under StrictMode. It
  // goes away with Material UI v5; nothing the plugins can change.
  /^Warning: findDOMNode is deprecated and will be removed in the next major release\./,
  // The app shell's notifications bell (@backstage/plugin-notifications 0.6.0,
  // NotificationsSidebarItem) puts the unread count, a number, in a
  // @backstage/ui Tag without a textValue; react-aria warns on every page
  // while a notification is unread. Upstream code, not the plugins'.
  /^A `textValue` prop is required for <Tag> elements with non-plain text children for accessibility\./,
  // Backstage 1.55 deprecates AlertApi for the new frontend system's ToastApi,
  // which the legacy app the plugins also support does not provide.
  /^AlertApi is deprecated and will be removed in a future release\./,
];

/**
 * Answers a check provokes on purpose: the register page's name-taken check
 * posts a name that is taken, and the browser logs the 409 it gets back.
 */
const EXPECTED_RESPONSES = [
  { path: /^\/agent-risk\/register/, text: /status of 409 \(Conflict\)/ },
];

/**
 * Pages that are Backstage's own, visited only to see what the plugins sent
 * there: their console is not ours. The notifications page
 * (@backstage/plugin-notifications 0.6.0) renders material-table, whose
 * components use React's deprecated defaultProps and warn about their columns.
 */
const UPSTREAM_PAGES = [/^\/notifications\/?$/];

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    console.log(
      `  ✗ ${name}\n      ${String((error && error.stack) || error)
        .split('\n')
        .slice(0, 6)
        .join('\n      ')}`,
    );
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(page, name, { maxHeight = 2600 } = {}) {
  if (!takeScreenshots) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const hidden = await page.evaluate(() =>
    Math.max(
      0,
      ...[...document.querySelectorAll('*')]
        .filter(el => /auto|scroll/.test(getComputedStyle(el).overflowY))
        .map(el => el.scrollHeight - el.clientHeight),
    ),
  );
  const documentHeight = await page.evaluate(
    () => document.documentElement.scrollHeight,
  );
  // Tall enough for the whole page, so fixed bars sit at its bottom, not mid-image.
  const height = Math.min(
    Math.max(viewport.height + hidden, documentHeight),
    maxHeight,
  );
  await page.setViewportSize({ width: viewport.width, height });
  await page.waitForTimeout(500);
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: path.join(SHOTS, name),
    fullPage: true,
    clip: {
      x: 0,
      y: 0,
      width: viewport.width,
      height: Math.min(full, maxHeight),
    },
  });
  await page.setViewportSize(viewport);
}

/** Polls `read` until `accept` holds or the time is up; returns the last value read. */
async function eventually(read, accept, timeoutMs) {
  const started = Date.now();
  let value = await read();
  while (!accept(value) && Date.now() - started < timeoutMs) {
    await new Promise(r => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

async function rankingScores(page) {
  const texts = await page
    .locator('[data-testid="ranking-row-score"]')
    .allInnerTexts();
  return texts.map(t => parseFloat(t)).filter(n => !Number.isNaN(n));
}

async function rankingNames(page) {
  return page.locator('[data-testid="ranking-row-name"]').allInnerTexts();
}

/** Records console errors and warnings (React's warnings among them) and uncaught errors. */
function watchConsole(page, pageErrors, consoleProblems) {
  page.on('pageerror', e => pageErrors.push(e));
  page.on('console', message => {
    const type = message.type();
    if (type !== 'error' && type !== 'warning') return;
    const text = message.text();
    if (ALLOWED_CONSOLE.some(allowed => allowed.test(text))) return;
    const { pathname } = new URL(page.url());
    if (UPSTREAM_PAGES.some(upstream => upstream.test(pathname))) return;
    if (
      EXPECTED_RESPONSES.some(e => e.path.test(pathname) && e.text.test(text))
    )
      return;
    consoleProblems.push(
      `[${type}] ${page.url()}: ${text.split('\n').slice(0, 3).join(' ')}`,
    );
  });
}

async function waitForRanking(page) {
  await page
    .getByText('Codegen', { exact: true })
    .first()
    .waitFor({ timeout: 60_000 });
}

/**
 * Runs axe-core's WCAG 2 A/AA rules on the plugins' own elements of the page
 * (or on `roots`) and returns one line per violating node.
 */
async function accessibilityViolations(page, roots = PLUGIN_ROOTS) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async roots => {
    const include = roots
      .filter(selector => document.querySelector(selector))
      .map(selector => [selector]);
    if (include.length === 0) return ['no plugin root element on the page'];
    const result = await window.axe.run(
      { include },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } },
    );
    return result.violations.flatMap(v =>
      v.nodes.map(
        n =>
          `${v.id}: ${n.target.join(' ')} (${(n.failureSummary || '')
            .split('\n')
            .slice(1, 2)
            .join('')
            .trim()})`,
      ),
    );
  }, roots);
}

/**
 * The header cells of a table that cannot be brought into view: each is
 * scrolled into view, then must be the element actually drawn at its centre
 * (not clipped by a parent) and lie within the viewport.
 */
async function unreachableColumns(page, tableLabel) {
  return page.evaluate(label => {
    const table = document.querySelector(`table[aria-label="${label}"]`);
    if (!table) return [`no table "${label}"`];
    const unreachable = [];
    for (const th of table.querySelectorAll('thead th')) {
      th.scrollIntoView({ block: 'center', inline: 'center' });
      const r = th.getBoundingClientRect();
      const hit = document.elementFromPoint(
        r.left + r.width / 2,
        r.top + r.height / 2,
      );
      if (
        r.left < -1 ||
        r.right > window.innerWidth + 1 ||
        !hit ||
        !th.contains(hit)
      ) {
        unreachable.push(th.innerText.trim() || '(blank)');
      }
    }
    window.scrollTo(0, 0);
    return unreachable;
  }, tableLabel);
}

/** The page itself must not scroll sideways: wide tables scroll in their own box. */
async function pageOverflow(page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
}

/**
 * The header's title and subtitle that its right-hand items (the register
 * button) overlap: at 420 px the header wraps, and a child that is not a
 * grid item was pulled up over the subtitle.
 */
async function headerTextCovered(page) {
  return page.evaluate(() => {
    const header = document.querySelector('main header');
    const [left, right] = header.children;
    const texts = [...left.children].filter(el => el.textContent.trim());
    const items = [...right.querySelectorAll('a, button')];
    const meet = (a, b) =>
      a.left < b.right &&
      b.left < a.right &&
      a.top < b.bottom &&
      b.top < a.bottom;
    return texts
      .filter(text =>
        items.some(item =>
          meet(text.getBoundingClientRect(), item.getBoundingClientRect()),
        ),
      )
      .map(text => `"${text.textContent.trim().slice(0, 40)}"`);
  });
}

/** The gauge arc's colour and the chip's background, as the browser computes them. */
async function gaugeAndChipColours(page, rootSelector) {
  return page.evaluate(selector => {
    const root = document.querySelector(selector);
    // rc-progress draws a grey trail circle and the arc (class …-circle-path).
    const arc = [...root.querySelectorAll('svg circle')].find(
      c =>
        /circle-path/.test(c.getAttribute('class') || '') &&
        c.getAttribute('opacity') !== '0',
    );
    const chip = root.querySelector('[data-severity]');
    const probe = document.createElement('span');
    probe.style.color = arc ? arc.style.stroke : '';
    document.body.appendChild(probe);
    const arcColour = getComputedStyle(probe).color;
    probe.remove();
    return {
      arc: arcColour,
      chip: chip ? getComputedStyle(chip).backgroundColor : null,
      severity: chip ? chip.getAttribute('data-severity') : null,
    };
  }, rootSelector);
}

/**
 * Problems with a trend under `root`: from its second day one line per band
 * (unstacked); on its first day no chart, each band's count in words.
 */
async function trendProblems(root) {
  const sentence = root.locator('[data-testid="risk-trend-change"]').first();
  await sentence.waitFor({ timeout: 30_000 });
  const text = await sentence.innerText();
  if (/History starts today/.test(text)) {
    const missing = ['Critical', 'High', 'Medium', 'Low'].filter(
      band => !new RegExp(`\\d+ ${band}`).test(text),
    );
    return missing.length ? [`first day without ${missing}: ${text}`] : [];
  }
  const problems = /Critical/.test(text) ? [] : [`trend sentence: ${text}`];
  const lines = await root.locator('.recharts-line').count();
  if (lines < 4) problems.push(`expected one line per band, got ${lines}`);
  return problems;
}

/** A screenshot of one element (a card, a line) in screenshots mode. */
async function shotElement(locator, name) {
  if (!takeScreenshots) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: path.join(SHOTS, name) });
}

/** Runs `checksAt(viewport)` at desktop and phone widths. */
async function widthChecks(page, checksAt) {
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport);
    await checksAt(viewport);
  }
  await page.setViewportSize(WIDTHS[0]);
}

module.exports = {
  takeScreenshots,
  results,
  WIDTHS,
  check,
  assert,
  shot,
  shotElement,
  trendProblems,
  eventually,
  rankingScores,
  rankingNames,
  watchConsole,
  waitForRanking,
  accessibilityViolations,
  unreachableColumns,
  pageOverflow,
  headerTextCovered,
  gaugeAndChipColours,
  widthChecks,
};
