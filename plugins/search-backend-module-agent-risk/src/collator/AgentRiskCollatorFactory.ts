import { Readable } from 'stream';
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { AgentListItem } from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskDocument } from './AgentRiskDocument';
import { AgentRiskReader } from './AgentRiskReader';
import { DEFAULT_LOCATION_TEMPLATE, DEFAULT_PAGE_SIZE } from './options';
import { toDocument } from './toDocument';

/** Records read at once: a page's worth of round trips, a few at a time. */
const CONCURRENT_READS = 5;

/** @public */
export interface AgentRiskCollatorFactoryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Default `/catalog/:namespace/:kind/:name/risk`. */
  locationTemplate?: string;
  /** Agents per page. Default 100. */
  pageSize?: number;
}

/**
 * Collates one `agent-risk` search document per agent the agent-risk
 * backend holds a record of, read through its HTTP API. Results are
 * authorized like catalog documents: catalog read on the agent's ref.
 *
 * @public
 */
export class AgentRiskCollatorFactory implements DocumentCollatorFactory {
  readonly type = 'agent-risk';
  readonly visibilityPermission = catalogEntityReadPermission;
  private readonly reader: AgentRiskReader;
  private readonly logger: LoggerService;
  private readonly locationTemplate: string;
  private readonly pageSize: number;

  constructor(options: AgentRiskCollatorFactoryOptions) {
    this.reader = new AgentRiskReader(options.discovery, options.auth);
    this.logger = options.logger;
    this.locationTemplate =
      options.locationTemplate ?? DEFAULT_LOCATION_TEMPLATE;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  async *execute(): AsyncGenerator<AgentRiskDocument> {
    let skipped = 0;
    for await (const page of this.reader.agents(this.pageSize)) {
      for (let i = 0; i < page.length; i += CONCURRENT_READS) {
        const documents = await Promise.all(
          page.slice(i, i + CONCURRENT_READS).map(item => this.document(item)),
        );
        for (const document of documents) {
          if (document) {
            yield document;
          } else {
            skipped += 1;
          }
        }
      }
    }
    if (skipped > 0) {
      this.logger.warn(
        `Agent risk search: ${skipped} ranking rows had no valid entity ref and were not indexed`,
      );
    }
  }

  /** One agent's document; a failed record read indexes the ranking row alone. */
  private async document(
    item: AgentListItem,
  ): Promise<AgentRiskDocument | undefined> {
    const ref = typeof item?.entityRef === 'string' ? item.entityRef : '';
    let detail;
    try {
      detail = await this.reader.agent(ref);
    } catch (error) {
      this.logger.warn(
        `Agent risk search: indexing ${ref.slice(
          0,
          200,
        )} without its threats and tools, its record could not be read: ${error}`,
      );
    }
    try {
      return toDocument(item, detail, this.locationTemplate);
    } catch {
      return undefined;
    }
  }
}
