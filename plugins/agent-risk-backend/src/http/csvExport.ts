import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { Response } from 'express';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentCsvRow } from '@agent-risk/plugin-agent-risk-common';
import { AGENT_CSV_HEADER, agentCsvLine, csvLine } from './csv';

/** HTTP trailer that says whether the export is complete: `complete` or `failed`. */
export const CSV_EXPORT_STATUS_TRAILER = 'X-Agent-Risk-Export-Status';

/** First cell of the last line of an export that failed after its headers were sent. */
export const CSV_EXPORT_FAILED_MARKER = '#export-failed';

/** How an export ended. */
export type CsvExportOutcome = 'complete' | 'failed' | 'aborted';

/**
 * Streams the ranking as CSV through a pipeline, so a slow reader applies
 * backpressure and a client that goes away ends the export: the pipeline
 * closes the row iterator, which releases its batch and query.
 *
 * Once the headers are out, a failure cannot change the status code, so a
 * failed export says so twice: a last line starting with
 * `#export-failed` and the HTTP trailer `X-Agent-Risk-Export-Status: failed`
 * (`complete` on success).
 */
export async function writeCsvExport(options: {
  res: Response;
  rows: AsyncIterable<AgentCsvRow[]>;
  logger: LoggerService;
  filename: string;
}): Promise<CsvExportOutcome> {
  const { res, rows, logger, filename } = options;
  let outcome: CsvExportOutcome = 'complete';
  async function* lines(): AsyncGenerator<string> {
    yield AGENT_CSV_HEADER;
    try {
      for await (const batch of rows) {
        yield batch.map(agentCsvLine).join('');
      }
    } catch (error) {
      outcome = 'failed';
      logger.warn(`Agent risk CSV export failed after its headers: ${error}`);
      yield csvLine([
        CSV_EXPORT_FAILED_MARKER,
        'The export stopped early because of a server error; this file is incomplete.',
      ]);
    }
    res.addTrailers({ [CSV_EXPORT_STATUS_TRAILER]: outcome });
  }

  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Trailer', CSV_EXPORT_STATUS_TRAILER);
  try {
    // One batch buffered ahead at most: memory stays bounded by the batch size.
    await pipeline(Readable.from(lines(), { highWaterMark: 1 }), res);
  } catch (error) {
    // The client went away: the pipeline has already closed the iterator.
    logger.debug?.(`Agent risk CSV export aborted by the client: ${error}`);
    return 'aborted';
  }
  return outcome;
}
