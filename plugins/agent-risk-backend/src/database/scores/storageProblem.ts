import { createHash } from 'crypto';
import { AgentScoreWrite } from '../types';

/** Control characters and lone surrogates: what PostgreSQL text refuses or mangles. */
// Matching control characters is the point here.
/* eslint-disable no-control-regex */
const UNSTORABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */
/** Longest display field kept when a record is stored as a storage problem. */
const PROBLEM_FIELD_MAX_LENGTH = 500;

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

function cleanField(text: string): string;
function cleanField(text: string | null): string | null;
function cleanField(text: string | null): string | null {
  return text === null
    ? null
    : text.replace(UNSTORABLE, '\uFFFD').slice(0, PROBLEM_FIELD_MAX_LENGTH);
}

/** A short, single-line description of a database error. */
export function storageErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return cleanField(message.split('\n')[0]).slice(0, 200);
}

/**
 * What is stored for an agent whose record the database refused: status
 * invalid, the storage error among its errors, display fields cleaned and
 * bounded. Its hashes differ from the real record's, so once the record can
 * be stored it replaces this one and appends history.
 */
export function storageProblemWrite(
  score: AgentScoreWrite,
  message: string,
): AgentScoreWrite {
  const r = score.record;
  return {
    ...score,
    record: {
      ...r,
      title: cleanField(r.title),
      owner: cleanField(r.owner),
      ownerTitle: cleanField(r.ownerTitle),
      system: cleanField(r.system),
      systemTitle: cleanField(r.systemTitle),
      lifecycle: cleanField(r.lifecycle),
      status: 'invalid',
      score: null,
      severity: null,
      reason: null,
      layers: [],
      // Its messages may quote the refused values; the row must store.
      ssvc: null,
      description: null,
      mcpServers: [],
      errors: [
        ...r.errors.slice(0, 20).map(e => ({
          field: cleanField(e.field),
          message: cleanField(e.message),
        })),
        {
          field: 'storage',
          message: `The agent's record could not be stored: ${message}`,
        },
      ],
    },
    inputHash: sha256(`storage-problem:${score.inputHash}`),
    recordHash: problemRecordHash(score),
  };
}

/**
 * The record hash of a score's storage-problem stand-in. A stored row with
 * this hash means "this exact record was refused": it is not tried again
 * until the record changes, so one bad agent does not cost every sync a
 * failed batch and a row-by-row retry.
 */
export function problemRecordHash(score: AgentScoreWrite): string {
  return sha256(`storage-problem:${score.recordHash}`);
}
