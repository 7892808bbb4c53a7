import { Knex } from 'knex';
import { KnexAuditStore } from '../audit/KnexAuditStore';
import { NewAuditEntry } from '../audit/AuditStore';
import {
  BATCH_SIZE,
  MCP_RUN_TABLE,
  MCP_SERVERS_TABLE,
  MCP_TOOLS_TABLE,
  num,
} from '../tables';
import {
  DefinedTool,
  ListedTool,
  McpInventoryRun,
  McpListingOutcome,
  McpServerState,
  McpToolStore,
  StoredTool,
  ToolChange,
} from './McpToolStore';

interface ServerRow {
  server_ref: string;
  endpoint: string | null;
  outcome: string;
  error: string | null;
  tool_count: number | string;
  listed_at: string | null;
  outcome_at: string;
  defined_tools_json: string | null;
}

interface ToolRow {
  server_ref: string;
  name: string;
  title: string | null;
  description: string | null;
  description_hash: string;
  schema_hash: string;
  annotations_json: string;
  first_seen_at: string;
  changed_at: string | null;
  removed_at: string | null;
}

const toServer = (row: ServerRow): McpServerState => ({
  serverRef: row.server_ref,
  endpoint: row.endpoint,
  outcome: row.outcome as McpListingOutcome,
  error: row.error,
  toolCount: num(row.tool_count),
  listedAt: row.listed_at,
  outcomeAt: row.outcome_at,
  definedTools: parseDefinedTools(row.defined_tools_json),
});

const toTool = (row: ToolRow): StoredTool => ({
  name: row.name,
  title: row.title,
  description: row.description,
  descriptionHash: row.description_hash,
  schemaHash: row.schema_hash,
  annotations: JSON.parse(row.annotations_json),
  firstSeenAt: row.first_seen_at,
  changedAt: row.changed_at,
  removedAt: row.removed_at,
});

/** The four hints in a fixed order (absent ones left out once stringified). */
function orderedAnnotations({
  readOnlyHint,
  destructiveHint,
  idempotentHint,
  openWorldHint,
}: ListedTool['annotations']): ListedTool['annotations'] {
  return { readOnlyHint, destructiveHint, idempotentHint, openWorldHint };
}

/** Annotations as stored: the four hints in a fixed order, absent ones left out. */
function annotationsJson(tool: ListedTool): string {
  return JSON.stringify(orderedAnnotations(tool.annotations));
}

/**
 * Defined tools as stored, in the definition's order with the hints in a
 * fixed one, so the same definition always gives the same text and an
 * unchanged one is not written again; null when it names none.
 */
function definedToolsJson(tools: readonly DefinedTool[]): string | null {
  return tools.length === 0
    ? null
    : JSON.stringify(
        tools.map(tool => ({
          name: tool.name,
          annotations: orderedAnnotations(tool.annotations),
        })),
      );
}

/** Stored defined tools; none when the text is not what definedToolsJson wrote. */
function parseDefinedTools(json: string | null): DefinedTool[] {
  if (json === null) {
    return [];
  }
  try {
    const tools: unknown = JSON.parse(json);
    return Array.isArray(tools)
      ? tools.filter(
          (tool): tool is DefinedTool =>
            typeof tool?.name === 'string' &&
            typeof tool.annotations === 'object' &&
            tool.annotations !== null,
        )
      : [];
  } catch {
    return [];
  }
}

/** What changed from a stored tool (listed, not removed) to its new listing. */
function changesOf(stored: StoredTool, listed: ListedTool): ToolChange[] {
  const changes: ToolChange[] = [];
  const tool = listed.name;
  if (stored.descriptionHash !== listed.descriptionHash) {
    changes.push({
      tool,
      what: 'description',
      before: stored.description,
      after: listed.description,
    });
  }
  if (stored.schemaHash !== listed.schemaHash) {
    changes.push({
      tool,
      what: 'schema',
      before: stored.schemaHash,
      after: listed.schemaHash,
    });
  }
  if (stored.title !== listed.title) {
    changes.push({
      tool,
      what: 'title',
      before: stored.title,
      after: listed.title,
    });
  }
  const before = JSON.stringify(stored.annotations);
  const after = annotationsJson(listed);
  if (before !== after) {
    changes.push({ tool, what: 'annotations', before, after });
  }
  return changes;
}

/** The MCP tool inventory in the plugin's database (SQLite or PostgreSQL). */
export class KnexMcpToolStore implements McpToolStore {
  constructor(
    private readonly knex: Knex,
    private readonly audit: KnexAuditStore,
  ) {}

  async servers(serverRefs?: readonly string[]): Promise<McpServerState[]> {
    const rows: ServerRow[] = [];
    if (serverRefs === undefined) {
      rows.push(
        ...(await this.knex<ServerRow>(MCP_SERVERS_TABLE).orderBy(
          'server_ref',
        )),
      );
    } else {
      for (let i = 0; i < serverRefs.length; i += BATCH_SIZE) {
        rows.push(
          ...(await this.knex<ServerRow>(MCP_SERVERS_TABLE)
            .whereIn('server_ref', serverRefs.slice(i, i + BATCH_SIZE))
            .orderBy('server_ref')),
        );
      }
    }
    return rows.map(toServer);
  }

  async tools(
    serverRefs: readonly string[],
    db: Knex = this.knex,
  ): Promise<Map<string, StoredTool[]>> {
    const result = new Map<string, StoredTool[]>();
    for (let i = 0; i < serverRefs.length; i += BATCH_SIZE) {
      const rows: ToolRow[] = await db<ToolRow>(MCP_TOOLS_TABLE)
        .whereIn('server_ref', serverRefs.slice(i, i + BATCH_SIZE))
        .orderBy(['server_ref', 'name']);
      for (const row of rows) {
        const list = result.get(row.server_ref) ?? [];
        list.push(toTool(row));
        result.set(row.server_ref, list);
      }
    }
    return result;
  }

  async storeListing(
    listing: {
      serverRef: string;
      endpoint: string;
      at: string;
      tools: ListedTool[];
      definedTools: DefinedTool[];
    },
    audit: (changes: ToolChange[]) => NewAuditEntry[],
  ): Promise<ToolChange[]> {
    const { serverRef, endpoint, at } = listing;
    // Read outside a transaction first: the common case, nothing changed,
    // then writes nothing and takes no lock.
    const plan = await this.plan(this.knex, listing);
    if (plan === undefined) {
      return [];
    }
    return this.knex.transaction(async tx => {
      // Again inside the transaction: another replica may have stored it.
      const current = await this.plan(tx, listing);
      if (current === undefined) {
        return [];
      }
      const { changes, inserts, updates, removals, serverChanged } = current;
      for (let i = 0; i < inserts.length; i += BATCH_SIZE) {
        await tx(MCP_TOOLS_TABLE).insert(inserts.slice(i, i + BATCH_SIZE));
      }
      for (const row of updates) {
        await tx(MCP_TOOLS_TABLE)
          .where({ server_ref: serverRef, name: row.name })
          .update(row);
      }
      for (let i = 0; i < removals.length; i += BATCH_SIZE) {
        await tx(MCP_TOOLS_TABLE)
          .where('server_ref', serverRef)
          .whereIn('name', removals.slice(i, i + BATCH_SIZE))
          .update({ removed_at: at });
      }
      if (serverChanged) {
        await this.upsertServer(tx, {
          serverRef,
          endpoint,
          outcome: 'listed',
          error: null,
          toolCount: listing.tools.length,
          listedAt:
            changes.length > 0 || current.neverListed ? at : current.listedAt,
          outcomeAt: current.outcomeChanged ? at : current.outcomeAt,
          definedTools: listing.definedTools,
        });
      }
      // The first listing is the baseline: nothing to tell the agents.
      if (changes.length > 0 && !current.neverListed) {
        for (const entry of audit(changes)) {
          await this.audit.append(entry, tx);
        }
      }
      return changes;
    });
  }

  /** What storing a listing would write; undefined when nothing. */
  private async plan(
    db: Knex,
    listing: {
      serverRef: string;
      endpoint: string;
      at: string;
      tools: ListedTool[];
      definedTools: DefinedTool[];
    },
  ) {
    const { serverRef, endpoint, at } = listing;
    const [serverRow] = await db<ServerRow>(MCP_SERVERS_TABLE).where(
      'server_ref',
      serverRef,
    );
    const stored = new Map(
      ((await this.tools([serverRef], db)).get(serverRef) ?? []).map(tool => [
        tool.name,
        tool,
      ]),
    );
    const baseline = !serverRow?.listed_at;
    const changes: ToolChange[] = [];
    const inserts: ToolRow[] = [];
    const updates: Array<Partial<ToolRow> & { name: string }> = [];
    const listedNames = new Set<string>();
    for (const tool of listing.tools) {
      listedNames.add(tool.name);
      const before = stored.get(tool.name);
      const row = {
        title: tool.title,
        description: tool.description,
        description_hash: tool.descriptionHash,
        schema_hash: tool.schemaHash,
        annotations_json: annotationsJson(tool),
      };
      if (!before) {
        changes.push({
          tool: tool.name,
          what: 'added',
          before: null,
          after: tool.description,
        });
        inserts.push({
          server_ref: serverRef,
          name: tool.name,
          ...row,
          first_seen_at: at,
          // Appearing after the server's first listing is a change.
          changed_at: baseline ? null : at,
          removed_at: null,
        });
      } else if (before.removedAt !== null) {
        changes.push({
          tool: tool.name,
          what: 'added',
          before: null,
          after: tool.description,
        });
        updates.push({
          name: tool.name,
          ...row,
          changed_at: at,
          removed_at: null,
        });
      } else {
        const toolChanges = changesOf(before, tool);
        if (toolChanges.length > 0) {
          changes.push(...toolChanges);
          updates.push({ name: tool.name, ...row, changed_at: at });
        }
      }
    }
    const removals: string[] = [];
    for (const tool of stored.values()) {
      if (tool.removedAt === null && !listedNames.has(tool.name)) {
        changes.push({
          tool: tool.name,
          what: 'removed',
          before: tool.description,
          after: null,
        });
        removals.push(tool.name);
      }
    }
    const server = serverRow ? toServer(serverRow) : undefined;
    const outcomeChanged = !server || server.outcome !== 'listed';
    const serverChanged =
      outcomeChanged ||
      changes.length > 0 ||
      server.endpoint !== endpoint ||
      server.toolCount !== listing.tools.length ||
      serverRow?.defined_tools_json !== definedToolsJson(listing.definedTools);
    if (!serverChanged && changes.length === 0) {
      return undefined;
    }
    return {
      changes,
      inserts,
      updates,
      removals,
      serverChanged,
      outcomeChanged,
      neverListed: !server?.listedAt,
      listedAt: server?.listedAt ?? at,
      outcomeAt: server?.outcomeAt ?? at,
    };
  }

  private async upsertServer(db: Knex, state: McpServerState) {
    await db(MCP_SERVERS_TABLE)
      .insert({
        server_ref: state.serverRef,
        endpoint: state.endpoint,
        outcome: state.outcome,
        error: state.error,
        tool_count: state.toolCount,
        listed_at: state.listedAt,
        outcome_at: state.outcomeAt,
        defined_tools_json: definedToolsJson(state.definedTools),
      })
      .onConflict('server_ref')
      .merge();
  }

  async storeFailure(failure: {
    serverRef: string;
    endpoint: string | null;
    at: string;
    outcome: Exclude<McpListingOutcome, 'listed'>;
    error: string;
    definedTools: DefinedTool[];
  }): Promise<boolean> {
    const [row] = await this.knex<ServerRow>(MCP_SERVERS_TABLE).where(
      'server_ref',
      failure.serverRef,
    );
    const server = row ? toServer(row) : undefined;
    if (
      server &&
      server.outcome === failure.outcome &&
      server.error === failure.error &&
      server.endpoint === failure.endpoint &&
      row.defined_tools_json === definedToolsJson(failure.definedTools)
    ) {
      return false;
    }
    await this.upsertServer(this.knex, {
      serverRef: failure.serverRef,
      endpoint: failure.endpoint,
      outcome: failure.outcome,
      error: failure.error,
      toolCount: server?.toolCount ?? 0,
      listedAt: server?.listedAt ?? null,
      outcomeAt:
        server && server.outcome === failure.outcome
          ? server.outcomeAt
          : failure.at,
      definedTools: failure.definedTools,
    });
    return true;
  }

  async lastRun(): Promise<McpInventoryRun | undefined> {
    const row = await this.knex(MCP_RUN_TABLE).where('id', 1).first();
    return row
      ? {
          startedAt: row.started_at,
          finishedAt: row.finished_at,
          servers: num(row.servers),
          failed: num(row.failed),
        }
      : undefined;
  }

  async recordRun(run: McpInventoryRun): Promise<void> {
    await this.knex(MCP_RUN_TABLE)
      .insert({
        id: 1,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        servers: run.servers,
        failed: run.failed,
      })
      .onConflict('id')
      .merge();
  }
}
