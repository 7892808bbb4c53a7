import {
  ServerToolInventory,
  toolMayDestroy,
  toolMayWrite,
} from '@agent-risk/plugin-agent-risk-common';

/** How many of each server's tools may write and may destroy, by lower-case server ref. */
export function toolMarksByServer(
  inventories: readonly ServerToolInventory[],
): Map<string, { write: number; destroy: number }> {
  const marks = new Map<string, { write: number; destroy: number }>();
  for (const inventory of inventories) {
    const write = inventory.tools.filter(toolMayWrite).length;
    const destroy = inventory.tools.filter(toolMayDestroy).length;
    if (write > 0 || destroy > 0) {
      marks.set(inventory.server.toLocaleLowerCase('en-US'), {
        write,
        destroy,
      });
    }
  }
  return marks;
}
