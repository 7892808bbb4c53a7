import { SkippedTarget } from '../catalog/loadCatalogFiles';
import { CliIo } from '../io';

/** Tells the user which Location targets were not followed, and why. */
export function noteSkippedTargets(targets: SkippedTarget[], io: CliIo): void {
  for (const { target, reason } of targets) {
    io.stderr(
      `agent-risk: note: not following Location target ${target} (${reason})\n`,
    );
  }
}
