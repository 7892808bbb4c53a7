import { CliIo } from '../io';

/** Tells the user which Location targets were not followed (URLs and globs). */
export function noteSkippedTargets(targets: string[], io: CliIo): void {
  for (const target of targets) {
    io.stderr(
      `agent-risk: note: not following Location target ${target} (only file paths are followed)\n`,
    );
  }
}
