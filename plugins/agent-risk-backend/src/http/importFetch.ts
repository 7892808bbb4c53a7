import { InputError } from '@backstage/errors';
import { ImportFetchResult } from '@agent-risk/plugin-agent-risk-common';
import { MAX_AGENT_DOCUMENT_LENGTH } from '@agent-risk/plugin-agent-risk-common/import';
import { FetchReader } from '../fetch/FetchReader';
import { FetchRefusedError } from '../fetch/FetchRefusedError';

/** Most bytes read from a URL: what the importer reads at most. */
export const IMPORT_FETCH_MAX_BYTES = MAX_AGENT_DOCUMENT_LENGTH;

const FIELD = 'Invalid request body field "url"';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads an agent card or document at a URL a user gave, with the plugin's
 * own fetch reader: no integration credentials, only hosts that
 * `agentRisk.fetch.allow` lists (redirects included), a timeout and
 * {@link IMPORT_FETCH_MAX_BYTES} at most. Each refusal is a 400 naming `url`
 * and the rule; the server's own error text is never passed on.
 */
export async function fetchImportDocument(
  reader: FetchReader,
  url: string,
): Promise<ImportFetchResult> {
  let text: string;
  try {
    const document = await reader.fetch(url, {
      trust: 'untrusted',
      maxBytes: IMPORT_FETCH_MAX_BYTES,
      accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
    });
    text = document.text();
  } catch (error) {
    // The URL the caller gave is the problem, not this backend: a 400.
    if (error instanceof FetchRefusedError) {
      throw new InputError(`${FIELD}: ${error.message}`);
    }
    throw error;
  }
  return {
    text,
    contentType: isJson(text) ? 'application/json' : 'text/plain',
  };
}
