#!/usr/bin/env node
/*
 * Writes the package-lock.json of a create-app app with every @backstage/*
 * package create-app knows at the version of its release.
 *
 *   node test/adoption/lock-to-release.js APP_DIR CREATE_APP_PACKAGE_DIR
 *
 * create-app itself pins the release through a yarn.lock seed it downloads
 * from GitHub. Without it, the template's ^ ranges pick up packages of later
 * releases that do not work with this one (plugin-signals-backend 0.3.21
 * calls an httpRouter method backend-defaults 0.18 lacks). The versions come
 * from create-app's own table (dist/lib/versions.cjs.js) and go into the root
 * package.json as npm `overrides`: the lockfile alone is not enough, since
 * some packages of later releases ask for newer versions than the release
 * has, and `npm ci` refuses a lockfile that only overrides satisfy. The
 * yarn.lock, which npm would rewrite, is kept as generated.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const appDir = path.resolve(process.argv[2]);
const createAppDir = path.resolve(process.argv[3]);
const { packageVersions } = require(path.join(
  createAppDir,
  'dist/lib/versions.cjs.js',
));

const manifestPath = path.join(appDir, 'package.json');
const yarnLockPath = path.join(appDir, 'yarn.lock');
const generatedManifest = fs.readFileSync(manifestPath, 'utf8');
const generatedYarnLock = fs.existsSync(yarnLockPath)
  ? fs.readFileSync(yarnLockPath, 'utf8')
  : undefined;
const manifest = JSON.parse(generatedManifest);
// npm refuses overrides that contradict the root's own dependencies; those
// few (the CLI and its defaults) keep their ^ range.
const rootDeps = new Set(
  Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }),
);
manifest.overrides = Object.fromEntries(
  Object.entries(packageVersions).filter(([name]) => !rootDeps.has(name)),
);

fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
try {
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--package-lock-only',
      '--legacy-peer-deps',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
    ],
    { cwd: appDir, stdio: 'inherit' },
  );
  if (npm.status !== 0) {
    fs.writeFileSync(manifestPath, generatedManifest);
    process.exit(npm.status || 1);
  }
} finally {
  if (generatedYarnLock !== undefined) {
    fs.writeFileSync(yarnLockPath, generatedYarnLock);
  }
}
console.log(
  `lock-to-release: ${
    Object.keys(manifest.overrides).length
  } @backstage packages at create-app's versions`,
);
