import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { Response } from 'express';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentCsvRow } from '@agent-risk/plugin-agent-risk-common';
import { AGENT_CSV_HEADER, agentCsvLine, csvLine } from './csv';
import { CsvExportCache, KeptCsvExport } from './csvExportCache';
import { encodeBody } from './sendJson';

/** HTTP trailer that says whether the export is complete: `complete` or `failed`. */
export const CSV_EXPORT_STATUS_TRAILER = 'X-Agent-Risk-Export-Status';

/** First cell of the last line of an export that failed after its headers were sent. */
export const CSV_EXPORT_FAILED_MARKER = '#export-failed';

/** How an export ended. */
export type CsvExportOutcome = 'complete' | 'failed' | 'aborted';

/**
 * Writes the ranking as CSV.
 *
 * The first batch is read before anything is sent, so a database that fails
 * at once still gets its proper error status (the promise rejects, and the
 * route answers as for `GET /agents`). An export that fits in that batch, the
 * usual case for a team's agents, goes out in one write, without a stream.
 *
 * A longer one streams through a pipeline, so a slow reader applies
 * backpressure and a client that goes away ends the export: the pipeline
 * closes the row iterator, which releases its batch and query. Once the
 * headers are out, a failure cannot change the status code, so a failed
 * export says so twice: a last line starting with `#export-failed` and the
 * HTTP trailer `X-Agent-Risk-Export-Status: failed` (`complete` on success).
 */
export async function writeCsvExport(options: {
  res: Response;
  /** Read only when the export is not kept. */
  rows: () => AsyncIterable<AgentCsvRow[]>;
  logger: LoggerService;
  filename: string;
  /** Where a one-batch export is kept, and its key (none: not kept). */
  cache?: { exports: CsvExportCache; key: string | undefined };
  now?: () => number;
}): Promise<CsvExportOutcome> {
  const { res, logger, filename, cache } = options;
  const now = (options.now ?? Date.now)();
  const head = () => {
    res.status(200);
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Trailer', CSV_EXPORT_STATUS_TRAILER);
  };
  // One write, so encoded here at level 1 (see encodeBody); without a
  // length, so the response is chunked and carries its trailer.
  const sendWhole = (kept: KeptCsvExport) => {
    head();
    res.addTrailers({ [CSV_EXPORT_STATUS_TRAILER]: 'complete' });
    res.end(res.req ? encodeBody(res.req, res, kept.text, kept) : kept.text);
    return 'complete' as const;
  };
  const kept = cache?.key ? cache.exports.get(cache.key, now) : undefined;
  if (kept) {
    return sendWhole(kept);
  }

  const iterator = options.rows()[Symbol.asyncIterator]();
  const first = await iterator.next();
  // The store pages with one row of look-ahead, so a last batch is known
  // as such: asking for the next one does not query again.
  const second = first.done ? first : await iterator.next();

  if (second.done) {
    const batch = first.done ? [] : first.value;
    const text = first.done ? AGENT_CSV_HEADER : csvBatch(batch, true);
    return sendWhole(
      cache?.key ? cache.exports.set(cache.key, text, batch, now) : { text },
    );
  }
  head();

  let outcome: CsvExportOutcome = 'complete';
  async function* lines(): AsyncGenerator<string> {
    try {
      yield csvBatch(first.value as AgentCsvRow[], true);
      let batch = second;
      while (!batch.done) {
        yield csvBatch(batch.value, false);
        try {
          batch = await iterator.next();
        } catch (error) {
          outcome = 'failed';
          logger.warn(
            `Agent risk CSV export failed after its headers: ${error}`,
          );
          yield csvLine([
            CSV_EXPORT_FAILED_MARKER,
            'The export stopped early because of a server error; this file is incomplete.',
          ]);
          break;
        }
      }
    } finally {
      // Also when the client went away (the pipeline ends this generator
      // at a yield): stops the store's paging and releases its batch.
      await iterator.return?.();
    }
    res.addTrailers({ [CSV_EXPORT_STATUS_TRAILER]: outcome });
  }

  try {
    // Two batches in memory at most (the one being written and the next):
    // memory stays bounded by the batch size, whatever the export's length.
    await pipeline(Readable.from(lines(), { highWaterMark: 1 }), res);
  } catch (error) {
    // The client went away: the pipeline has already closed the iterator.
    logger.debug?.(`Agent risk CSV export aborted by the client: ${error}`);
    return 'aborted';
  }
  return outcome;
}

/** One batch of rows as CSV text, after the header line when it is the first. */
function csvBatch(batch: readonly AgentCsvRow[], first: boolean): string {
  const text = batch.map(agentCsvLine).join('');
  return first ? AGENT_CSV_HEADER + text : text;
}
