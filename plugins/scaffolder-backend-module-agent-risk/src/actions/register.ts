import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AGENT_RISK_PLUGIN_ID,
  validateRegistryEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { AIVSS_INPUT_KEYS, toAgentEntity } from './agentEntity';
import { postToAgentRisk } from './agentRiskRequest';

export const REGISTER_ACTION_ID = 'agent-risk:register';

/**
 * The registry acts for a person (owner rule, permission, audit actor): a
 * service has no one to check these for. The registry refuses it too; this
 * says why in words a template author understands.
 */
function requireUser(credentials: BackstageCredentials) {
  const principal = credentials.principal as { type?: string };
  if (principal.type !== 'user') {
    throw new NotAllowedError(
      `${REGISTER_ACTION_ID} registers for a signed-in user: the task was started by a ${
        principal.type ?? 'unknown'
      } principal`,
    );
  }
}

/** The agent's page in the catalog (the app's entity route). */
function entityPageUrl(appBaseUrl: string, entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const path = [namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/');
  return `${appBaseUrl.replace(/\/+$/, '')}/catalog/${path}`;
}

/**
 * The `agent-risk:register` action: registers an AI agent with its AIVSS
 * assessment through the agent-risk backend's registry
 * (`POST /api/agent-risk/registry/agents`) with the template user's
 * credentials, so the registry's checks, owner rule, permission and audit
 * trail apply as on the register page. A dry run registers nothing: it
 * checks the entity with the registry's own rules and scores it through
 * `POST /api/agent-risk/score`.
 *
 * @public
 */
export function createAgentRiskRegisterAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  config: Config;
}) {
  const { discovery, auth, config } = options;
  return createTemplateAction({
    id: REGISTER_ACTION_ID,
    description:
      'Registers an AI agent and its OWASP AIVSS assessment in the Agent Risk registry, as the user who runs the template',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'The agent\'s name (metadata.name), e.g. "invoice-helper"',
            ),
        title: z => z.string().optional().describe('Display title'),
        description: z => z.string().optional().describe('What the agent does'),
        owner: z =>
          z
            .string()
            .describe(
              'Owner entity ref: you, or a group you belong to unless the policy lets you assign any owner',
            ),
        system: z =>
          z.string().optional().describe('System entity ref it belongs to'),
        lifecycle: z =>
          z
            .string()
            .optional()
            .describe('experimental (default), production or deprecated'),
        kind: z =>
          z
            .string()
            .optional()
            .describe('Entity kind: AiResource (default) or Component'),
        type: z =>
          z
            .string()
            .optional()
            .describe(
              'spec.type: by default agent for AiResource, ai-agent for Component',
            ),
        dependsOn: z =>
          z
            .array(z.string())
            .optional()
            .describe('Entity refs of its tools (e.g. MCP server APIs)'),
        aivss: z =>
          z
            .object(
              Object.fromEntries(
                AIVSS_INPUT_KEYS.map(key => [
                  key,
                  z.union([z.number(), z.string(), z.null()]).optional(),
                ]),
              ),
            )
            .strict()
            .optional()
            .describe(
              'AIVSS inputs by annotation name (aivss.owasp.org/<name>): the ten factors 0..1, cvss-base or cvss-vector, threat-multiplier, mitigation-factor',
            ),
        annotations: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'More assessment annotations, e.g. MAESTRO layers (maestro.cloudsecurityalliance.org/*)',
            ),
        reason: z =>
          z.string().min(1).describe('Why it is registered (audit trail)'),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .describe('The agent, e.g. airesource:default/invoice-helper'),
        entityUrl: z => z.string().describe("The agent's page in the catalog"),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      requireUser(credentials);
      const entity = toAgentEntity(ctx.input);
      const baseUrl = await discovery.getBaseUrl(AGENT_RISK_PLUGIN_ID);
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: AGENT_RISK_PLUGIN_ID,
      });
      const appBaseUrl = config.getString('app.baseUrl');
      let entityRef: string;
      if (ctx.isDryRun) {
        // The registry has no validate-only route: its entity checks (the
        // common core's) run here, the score comes from the backend. Owner
        // rule, permission and name clashes are checked on a real run only.
        const [problem] = validateRegistryEntity(entity);
        if (problem) {
          throw new InputError(`Invalid ${problem.field}: ${problem.message}`);
        }
        const result = await postToAgentRisk<{
          entityRef: string;
          status: string;
          score: number | null;
          severity: string | null;
        }>({
          url: `${baseUrl}/score`,
          token,
          body: { entity },
          what: 'Scoring the agent',
          signal: ctx.signal,
        });
        entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
        ctx.logger.info(
          `Dry run: nothing was registered. ${entityRef} would be ${
            result.status === 'scored'
              ? `scored ${result.score} (${result.severity})`
              : result.status
          }; entity: ${JSON.stringify(entity)}`,
        );
      } else {
        // A resumed task must not register twice (the second would be 409).
        entityRef = await ctx.checkpoint({
          key: `agent-risk-register-${entity.kind}-${entity.metadata.name}`,
          fn: async () =>
            (
              await postToAgentRisk<{ entityRef: string }>({
                url: `${baseUrl}/registry/agents`,
                token,
                body: { entity, reason: ctx.input.reason },
                what: 'Registering the agent',
                signal: ctx.signal,
              })
            ).entityRef,
        });
        ctx.logger.info(`Registered ${entityRef}`);
      }
      ctx.output('entityRef', entityRef);
      ctx.output('entityUrl', entityPageUrl(appBaseUrl, entityRef));
    },
  });
}
