import {
  AgentCard as SdkAgentCard,
  verifyAgentCardSignature,
} from '@a2a-js/sdk';
import { AgentCardSignatureState } from '@agent-risk/plugin-agent-risk-common';
import { FetchReader } from '../fetch/FetchReader';

/** Public keys by `kid`, as JWKs. */
export type KeyLookup = (
  kid: string,
  jku: string | undefined,
) => Promise<Record<string, unknown> | undefined>;

class UnknownKeyError extends Error {}

/** Verifications running now, and the console.debug to put back after the last. */
let quiet = 0;
let realDebug = console.debug;

/**
 * A card's signature state (A2A 1.0 §8.4: JWS over the RFC 8785 canonical
 * card without `signatures`), with the official SDK's verifier (it
 * canonicalises the card exactly as its signer does, over `jose`): `unsigned`
 * without signatures, `verified` when one verifies against a known key,
 * `unknown-key` when no signature names a key known here, else `invalid`.
 */
export async function cardSignatureState(
  card: unknown,
  keys: KeyLookup,
): Promise<AgentCardSignatureState> {
  const signatures = (card as { signatures?: unknown }).signatures;
  if (!Array.isArray(signatures) || signatures.length === 0) {
    return 'unsigned';
  }
  let keyFound = false;
  const verify = verifyAgentCardSignature(async (kid, jku) => {
    const jwk = await keys(kid, jku);
    if (!jwk) {
      throw new UnknownKeyError(kid);
    }
    keyFound = true;
    return jwk;
  });
  // The SDK logs each failed entry (the whole card) at debug level; the
  // state says it all. Counted, since runs verify cards concurrently.
  if (quiet++ === 0) {
    realDebug = console.debug;
    console.debug = () => {};
  }
  try {
    await verify(card as SdkAgentCard);
    return 'verified';
  } catch {
    return keyFound ? 'invalid' : 'unknown-key';
  } finally {
    if (--quiet === 0) {
      console.debug = realDebug;
    }
  }
}

interface Jwks {
  keys?: Array<Record<string, unknown>>;
}

/**
 * The keys a run may verify with: `trustedKeys`, the configured `jwksUrl`
 * (read once per run), and a card's `jku` only when the fetch rules allow
 * its host (read as untrusted, so `agentRisk.fetch.allow` decides).
 */
export function keyLookup(options: {
  reader: FetchReader;
  trustedKeys: Array<{ kid: string; jwk: Record<string, unknown> }>;
  jwksUrl: string | null;
}): KeyLookup {
  const sets = new Map<string, Promise<Jwks | undefined>>();
  const readSet = (url: string, trust: 'config' | 'untrusted') => {
    let set = sets.get(url);
    if (!set) {
      set = options.reader
        .fetch(url, { trust, accept: 'application/json', maxBytes: 256 * 1024 })
        .then(doc => doc.json() as Jwks)
        .catch(() => undefined);
      sets.set(url, set);
    }
    return set;
  };
  const find = (set: Jwks | undefined, kid: string) =>
    Array.isArray(set?.keys) ? set!.keys.find(k => k.kid === kid) : undefined;
  return async (kid, jku) => {
    const trusted = options.trustedKeys.find(k => k.kid === kid);
    if (trusted) {
      return trusted.jwk;
    }
    if (options.jwksUrl) {
      const found = find(await readSet(options.jwksUrl, 'config'), kid);
      if (found) {
        return found;
      }
    }
    if (jku) {
      return find(await readSet(jku, 'untrusted'), kid);
    }
    return undefined;
  };
}
