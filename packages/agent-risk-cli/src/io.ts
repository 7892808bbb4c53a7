/** Where a command writes. Injected so that tests run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes of every command (see README). */
export const EXIT_OK = 0;
/** An agent is not scored, or a document or entity has problems. */
export const EXIT_PROBLEMS = 1;
/** Unreadable input, a YAML syntax error, or a bad flag. */
export const EXIT_USAGE = 2;

/**
 * Input the command cannot work with: unreadable files, YAML syntax errors,
 * bad flag values. Reported as one line on stderr with exit code 2.
 */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

/** Collapses a possibly multi-line message into one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};
