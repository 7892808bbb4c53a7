import http from 'http';
import { AddressInfo } from 'net';
import { generateKeyPairSync, KeyObject } from 'crypto';
import express from 'express';
import {
  AGENT_CARD_PATH,
  AgentCard,
  generateAgentCardSignature,
} from '@a2a-js/sdk';
import { agentCardHandler } from '@a2a-js/sdk/server/express';

/** An A2A 1.0 card as the SDK types it. */
export function a2aCard(
  name: string,
  extra: Partial<AgentCard> = {},
): AgentCard {
  return {
    name,
    description: `${name}, found by discovery`,
    version: '1.0.0',
    supportedInterfaces: [
      {
        url: `https://agents.example.com/${encodeURIComponent(name)}/a2a`,
        protocolBinding: 'JSONRPC',
        protocolVersion: '1.0',
        tenant: '',
      },
    ],
    capabilities: { streaming: false, extensions: [] },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'lookup',
        name: 'Look up invoices',
        description: 'Finds invoices by customer',
        tags: ['billing'],
        examples: [],
        inputModes: [],
        outputModes: [],
        securityRequirements: [],
      },
    ],
    securitySchemes: {},
    securityRequirements: [],
    signatures: [],
    ...extra,
  } as AgentCard;
}

/** A signing key of the kind the A2A signing helper takes, and its public JWK. */
export function signingKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  return {
    kid,
    privateKey,
    jwk: { ...(publicKey.export({ format: 'jwk' }) as object), kid },
  };
}

/** The card signed with the SDK's signing helper (ES256, the key's kid). */
export async function signCard(
  card: AgentCard,
  key: { kid: string; privateKey: KeyObject },
): Promise<AgentCard> {
  return generateAgentCardSignature(key.privateKey, {
    alg: 'ES256',
    kid: key.kid,
    typ: 'JOSE',
  })(card);
}

/**
 * A real A2A agent's card endpoint (the SDK's `agentCardHandler` at the
 * well-known path), whose card a test may change.
 */
export async function startA2aAgent(
  initial: unknown,
  options: { legacyCompat?: boolean } = {},
) {
  let card = initial;
  const app = express();
  app.use(
    AGENT_CARD_PATH.startsWith('/') ? AGENT_CARD_PATH : `/${AGENT_CARD_PATH}`,
    agentCardHandler({
      agentCardProvider: async () => card as AgentCard,
      cache: { maxAge: 0 },
      ...(options.legacyCompat && { legacyCompat: { enabled: true } }),
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    host: `127.0.0.1:${port}`,
    cardUrl: `${baseUrl}/.well-known/agent-card.json`,
    setCard(next: unknown) {
      card = next;
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
