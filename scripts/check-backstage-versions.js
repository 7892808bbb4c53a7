#!/usr/bin/env node
/*
 * Fails when the lockfile holds more than one version of any @backstage/*
 * package. Two copies of a Backstage package mean two copies of its
 * singletons (API refs, the entity context, extension data refs), which break
 * at run time in an adopter's app, not at build time.
 *
 * Usage: node scripts/check-backstage-versions.js [path/to/package-lock.json]
 */
const fs = require('fs');
const path = require('path');

const lockfilePath = path.resolve(
  process.argv[2] ?? path.join(__dirname, '..', 'package-lock.json'),
);
const lockfile = JSON.parse(fs.readFileSync(lockfilePath, 'utf8'));
if (!lockfile.packages) {
  console.error(
    `${lockfilePath} has no "packages" map: lockfileVersion 2 or newer is required.`,
  );
  process.exit(2);
}

/** name -> version -> install paths */
const installs = new Map();
for (const [installPath, entry] of Object.entries(lockfile.packages)) {
  const marker = installPath.lastIndexOf('node_modules/');
  if (marker < 0 || entry.link) continue;
  const name = installPath.slice(marker + 'node_modules/'.length);
  if (!name.startsWith('@backstage/')) continue;
  const versions = installs.get(name) ?? new Map();
  versions.set(entry.version, [
    ...(versions.get(entry.version) ?? []),
    installPath,
  ]);
  installs.set(name, versions);
}

const duplicated = [...installs].filter(([, versions]) => versions.size > 1);
if (duplicated.length > 0) {
  console.error(
    `${duplicated.length} @backstage/* packages have more than one version in ${lockfilePath}:`,
  );
  for (const [name, versions] of duplicated) {
    console.error(`  ${name}`);
    for (const [version, paths] of versions) {
      console.error(`    ${version}: ${paths.join(', ')}`);
    }
  }
  console.error(
    'Align the workspace dependencies and the root "overrides" on one Backstage release (backstage.json), then run npm install.',
  );
  process.exit(1);
}

const release = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'backstage.json'), 'utf8'),
).version;
console.log(
  `${installs.size} @backstage/* packages, one version each (Backstage ${release}).`,
);
