import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  AGENT_RISK_PLUGIN_ID,
  agentRiskRoutes,
  REGISTRY_PROVIDER_NAME,
} from '@agent-risk/plugin-agent-risk-common';

/** Every entity this provider emits shares one location key: the registry. */
const LOCATION_KEY = REGISTRY_PROVIDER_NAME;

/** `GET /registry/entities` as the catalog takes it (the backend checked each entity on write). */
interface RegistrySnapshot {
  entities: Entity[];
  cursor: number;
}

/** `GET /registry/changes`. */
interface RegistryDelta {
  added: Entity[];
  removed: string[];
  cursor: number;
}

export interface RegistryEntityProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** A full re-read this often (ms), healing anything a delta may have missed. */
  fullRefreshIntervalMs?: number;
  /**
   * How long (s) the backend may hold a delta request while nothing changed
   * (default 20): it answers the moment a change lands, so changes arrive at
   * once with one request per wait rather than one per poll.
   */
  waitSeconds?: number;
  fetch?: typeof fetch;
}

/**
 * Emits the agents registered in Backstage (the agent-risk backend's
 * registry) as catalog entities.
 *
 * It reads the backend over HTTP with the catalog's own service token rather
 * than through a shared extension point: the registry lives in the
 * agent-risk plugin's database, which another plugin may not open, and
 * plugins may run in separate deployments. A full mutation on start (and
 * every `fullRefreshIntervalMs`), then on every `poll()` only what changed
 * since the last cursor (the audit trail's ids). A delta request is held by
 * the backend until a change lands (up to `waitSeconds`), so a change
 * reaches the catalog at once and an idle catalog asks every 20 s, not
 * every 3 s (each request is a line in the backend's log).
 */
export class RegistryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** Null until a full mutation succeeded. */
  private cursor: number | null = null;
  private lastFullAt = 0;

  constructor(private readonly options: RegistryEntityProviderOptions) {}

  getProviderName(): string {
    return REGISTRY_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** One step: a full mutation when due, else the delta since the cursor. */
  async poll(signal?: AbortSignal): Promise<void> {
    if (!this.connection) {
      return;
    }
    const fullDue =
      this.cursor === null ||
      Date.now() - this.lastFullAt >=
        (this.options.fullRefreshIntervalMs ?? 10 * 60_000);
    try {
      if (fullDue) {
        await this.applyFull(this.connection);
      } else {
        await this.applyDelta(this.connection, this.cursor!, signal);
      }
    } catch (error) {
      if (signal?.aborted) {
        return; // shutting down
      }
      // The backend may start after the catalog; the next poll tries again.
      this.options.logger.warn(
        `Agent risk registry provider: could not read the registry: ${error}`,
      );
    }
  }

  private async applyFull(connection: EntityProviderConnection) {
    const snapshot = await this.read<RegistrySnapshot>(
      agentRiskRoutes.getRegistrySnapshot.path,
    );
    await connection.applyMutation({
      type: 'full',
      entities: snapshot.entities.map(entity => ({
        entity,
        locationKey: LOCATION_KEY,
      })),
    });
    this.cursor = snapshot.cursor;
    this.lastFullAt = Date.now();
  }

  private async applyDelta(
    connection: EntityProviderConnection,
    after: number,
    signal?: AbortSignal,
  ) {
    const wait = this.options.waitSeconds ?? 20;
    const delta = await this.read<RegistryDelta>(
      `${agentRiskRoutes.getRegistryChanges.path}?after=${after}&wait=${wait}`,
      signal,
    );
    if (delta.added.length > 0 || delta.removed.length > 0) {
      await connection.applyMutation({
        type: 'delta',
        added: delta.added.map(entity => ({
          entity,
          locationKey: LOCATION_KEY,
        })),
        removed: delta.removed.map(entityRef => ({
          entityRef,
          locationKey: LOCATION_KEY,
        })),
      });
    }
    this.cursor = delta.cursor;
  }

  private async read<T>(path: string, signal?: AbortSignal): Promise<T> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl(AGENT_RISK_PLUGIN_ID);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: AGENT_RISK_PLUGIN_ID,
    });
    const response = await (this.options.fetch ?? fetch)(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
