/*
 * Three local A2A agents for the example app, so a new user sees agent-card
 * discovery work without setting anything up: one with a signed card (its
 * public key is in app-config.yaml's trustedKeys), one unsigned, and one
 * served as an A2A 0.3 card (the SDK's compatibility layer). Each is a real
 * @a2a-js/sdk agent-card endpoint on 127.0.0.1 (`exampleAgents.port`,
 * default 7010): /billing, /support, /legacy. Example only: the signing key
 * below is public and signs nothing but these demo cards.
 */
import http from 'http';
import { createPrivateKey } from 'crypto';
import express from 'express';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { AgentCard, generateAgentCardSignature } from '@a2a-js/sdk';
import { agentCardHandler } from '@a2a-js/sdk/server/express';

/** The demo signing key (kid `example-key-1`); never use it for anything real. */
const EXAMPLE_SIGNING_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'uH0VUomc5hgiFQoNpBRN2YjCoSoriq59GBosmubtrIU',
  y: 'bE5WKLu56gGD5gXJ95bLwnAbBTIC03uw6Zkae3CXc6M',
  d: 'jRU-pbCy5G5YvO5ruCdEkODruuHKIO5DYeKI8Jrp_Dc',
};

function card(
  name: string,
  description: string,
  baseUrl: string,
  protocolVersion: string,
  skills: Array<{ id: string; name: string; description: string }>,
): AgentCard {
  return {
    name,
    description,
    version: '1.0.0',
    supportedInterfaces: [
      {
        url: `${baseUrl}/a2a`,
        protocolBinding: 'JSONRPC',
        protocolVersion,
        tenant: '',
      },
    ],
    provider: { organization: 'Example Corp', url: 'https://example.com' },
    capabilities: { streaming: false, extensions: [] },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: skills.map(s => ({
      ...s,
      tags: [],
      examples: [],
      inputModes: [],
      outputModes: [],
      securityRequirements: [],
    })),
    securitySchemes: {},
    securityRequirements: [],
    signatures: [],
  } as AgentCard;
}

export default createBackendPlugin({
  pluginId: 'example-a2a-agents',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        if (config.getOptionalBoolean('exampleAgents.enabled') === false) {
          return;
        }
        const port = config.getOptionalNumber('exampleAgents.port') ?? 7010;
        const base = `http://127.0.0.1:${port}`;
        const sign = generateAgentCardSignature(
          createPrivateKey({ key: EXAMPLE_SIGNING_JWK, format: 'jwk' }),
          { alg: 'ES256', kid: 'example-key-1', typ: 'JOSE' },
        );
        const billing = await sign(
          card(
            'Billing Agent',
            'Answers questions about invoices and issues refunds.',
            `${base}/billing`,
            '1.0',
            [
              {
                id: 'invoices',
                name: 'Look up invoices',
                description: 'Finds a customer’s invoices',
              },
              {
                id: 'refunds',
                name: 'Issue refunds',
                description: 'Refunds an invoice up to 100 EUR',
              },
            ],
          ),
        );
        const support = card(
          'Support Triage Agent',
          'Sorts incoming support tickets and drafts first answers.',
          `${base}/support`,
          '1.0',
          [
            {
              id: 'triage',
              name: 'Triage tickets',
              description: 'Labels and routes a ticket',
            },
          ],
        );
        const legacy = card(
          'Legacy Reporting Agent',
          'Builds weekly reports; still speaks A2A 0.3.',
          `${base}/legacy`,
          '0.3',
          [
            {
              id: 'report',
              name: 'Weekly report',
              description: 'Summarises the week’s sales',
            },
          ],
        );
        const app = express();
        const serve = (
          path: string,
          agentCard: AgentCard,
          legacyCompat = false,
        ) =>
          app.use(
            `${path}/.well-known/agent-card.json`,
            agentCardHandler({
              agentCardProvider: async () => agentCard,
              cache: { maxAge: 0 },
              ...(legacyCompat && { legacyCompat: { enabled: true } }),
            }),
          );
        serve('/billing', billing);
        serve('/support', support);
        // A client naming no A2A version (as discovery does) gets the 0.3 card.
        serve('/legacy', legacy, true);
        const server = http.createServer(app);
        try {
          await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve());
          });
        } catch (error) {
          // The backend runs on without them (a second replica on the same
          // machine finds the port taken by the first, which serves the same
          // cards): only the demo's discovered agents may be missing.
          logger.warn(`Example A2A agents not started on ${base}: ${error}`);
          return;
        }
        logger.info(`Example A2A agents serve their cards on ${base}`);
        lifecycle.addShutdownHook(
          () => new Promise<void>(resolve => server.close(() => resolve())),
        );
      },
    });
  },
});
