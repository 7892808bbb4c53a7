#!/usr/bin/env node
/*
 * `npm run bench`: the Agent Risk load benchmark. The TypeScript sources run
 * directly through the Backstage CLI's Node transform (SWC), as the
 * agent-risk CLI does, so no build is needed. Flags: see benchmark.ts or
 * `npm run bench -- --help`.
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./benchmark.ts');
