/**
 * The `agent-risk` command line: score, validate and import AI agents.
 *
 * @packageDocumentation
 */
import { runCli } from './cli';
import { processIo } from './io';

// `agent-risk score … | head` closes stdout early; that is not an error.
process.stdout.on('error', error => {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
    process.exit(process.exitCode ?? 0);
  }
  throw error;
});

runCli(process.argv, processIo).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `agent-risk: internal error: ${(error as Error)?.stack ?? error}\n`,
    );
    process.exitCode = 70;
  },
);
