#!/usr/bin/env node
/*
 * `npm run bench`: the Agent Risk load benchmark. The TypeScript sources run
 * directly through the Backstage CLI's Node transform (SWC), as the
 * agent-risk CLI does, so no build is needed. Flags: see benchmark.ts or
 * `npm run bench -- --help`; `--full-stack` runs the real backend instead
 * (see fullStack.ts).
 */
require('@backstage/cli/config/nodeTransform.cjs');
if (process.argv.includes('--full-stack')) {
  require('./fullStack.ts')
    .fullStackMain(process.argv.slice(2))
    .catch(error => {
      console.error(`Full-stack benchmark failed: ${error?.stack ?? error}`);
      process.exitCode = 1;
    });
} else {
  require('./benchmark.ts');
}
