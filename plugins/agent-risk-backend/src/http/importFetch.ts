import { Readable } from 'stream';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import {
  ImportFetchResult,
  MAX_AGENT_DOCUMENT_LENGTH,
} from '@agent-risk/plugin-agent-risk-common';

/** Most bytes read from a URL: what the importer reads at most. */
export const IMPORT_FETCH_MAX_BYTES = MAX_AGENT_DOCUMENT_LENGTH;

const FIELD = 'Invalid request body field "url"';

/** Longest part of a read error passed on to the caller. */
const MAX_REASON_LENGTH = 300;

async function readBounded(stream: Readable, maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) {
      stream.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads an agent card or document at a URL with Backstage's URL reader, so
 * `backend.reading.allow` (and the integrations) decide which hosts may be
 * read: the guard against reading internal addresses for a caller. A host
 * that is not allowed, a URL with nothing behind it, a server there that
 * fails or cannot be reached, or more than {@link IMPORT_FETCH_MAX_BYTES} is
 * a 400 naming `url`.
 */
export async function fetchImportDocument(
  urlReader: UrlReaderService,
  url: string,
): Promise<ImportFetchResult> {
  let body: Buffer | undefined;
  try {
    const response = await urlReader.readUrl(url);
    body = response.stream
      ? await readBounded(response.stream(), IMPORT_FETCH_MAX_BYTES)
      : await response.buffer();
  } catch (error) {
    if (isError(error) && error.name === 'NotAllowedError') {
      throw new InputError(
        `${FIELD}: its host is not allowed; an admin adds it to backend.reading.allow`,
      );
    }
    if (isError(error) && error.name === 'NotFoundError') {
      throw new InputError(`${FIELD}: nothing was found there`);
    }
    // The server there failed, or could not be reached: the URL the caller
    // gave is the problem, not this backend, so a 400 that says why.
    const reason = isError(error) ? error.message : String(error);
    throw new InputError(
      `${FIELD}: it could not be read: ${reason.slice(0, MAX_REASON_LENGTH)}`,
    );
  }
  if (body === undefined || body.length > IMPORT_FETCH_MAX_BYTES) {
    throw new InputError(
      `${FIELD}: the document is larger than ${IMPORT_FETCH_MAX_BYTES} bytes`,
    );
  }
  const text = body.toString('utf8');
  return {
    text,
    contentType: isJson(text) ? 'application/json' : 'text/plain',
  };
}
