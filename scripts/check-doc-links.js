#!/usr/bin/env node
/*
 * Fails when a relative link or image in a tracked Markdown file points at a
 * file that does not exist, or at a heading anchor that the target file does
 * not have. External links (http, mailto) are not fetched: CI must not depend
 * on the network.
 *
 * Usage: node scripts/check-doc-links.js
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

const markdownFiles = execFileSync('git', ['ls-files', '*.md'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter(file => file && fs.existsSync(path.join(ROOT, file)));

/** Strips fenced code blocks, where `#` lines and links are only examples. */
function withoutFences(markdown) {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** Also strips inline code, where link syntax is only an example. */
function withoutCode(markdown) {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(markdown) {
  const anchors = new Set();
  const seen = new Map();
  for (const [, heading] of withoutFences(markdown).matchAll(
    /^#{1,6}\s+(.+?)\s*#*\s*$/gm,
  )) {
    const base = heading
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const LINK = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const problems = [];
let checked = 0;

for (const file of markdownFiles) {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  for (const [, target] of withoutCode(source).matchAll(LINK)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, mailto:, ...
    checked++;
    const [targetPath, anchor] = target.split('#');
    const resolved = targetPath
      ? path.resolve(path.dirname(path.join(ROOT, file)), targetPath)
      : path.join(ROOT, file);
    if (!fs.existsSync(resolved)) {
      problems.push(
        `${file}: ${target} -> ${path.relative(ROOT, resolved)} does not exist`,
      );
      continue;
    }
    if (anchor && resolved.endsWith('.md')) {
      const anchors = anchorsOf(fs.readFileSync(resolved, 'utf8'));
      if (!anchors.has(decodeURIComponent(anchor).toLowerCase())) {
        problems.push(
          `${file}: ${target} -> no heading #${anchor} in ${path.relative(
            ROOT,
            resolved,
          )}`,
        );
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} broken relative links:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(
  `${checked} relative links in ${markdownFiles.length} Markdown files resolve.`,
);
