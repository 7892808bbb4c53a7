import fs from 'node:fs';
import { CliInputError, oneLine } from './io';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

/**
 * Reads an input file as UTF-8. `shownAs` is the path as the user gave it,
 * for the one-line error (exit 2) when the file cannot be read.
 */
export function readInput(file: string, shownAs: string = file): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? oneLine((error as Error).message);
    throw new CliInputError(`cannot read ${shownAs}: ${reason}`);
  }
}
