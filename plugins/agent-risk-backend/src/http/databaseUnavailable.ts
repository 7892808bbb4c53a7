import { ErrorRequestHandler } from 'express';
import { isError, ServiceUnavailableError } from '@backstage/errors';

/** Socket errors of a database connection that was refused, reset or cut. */
const SOCKET_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * PostgreSQL SQLSTATEs that mean "not reachable now", not "bad query":
 * admin/crash shutdown, cannot connect now, too many connections.
 */
const POSTGRES_UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * True when an error says the database cannot be reached right now (refused,
 * cut, shut down, not accepting connections, pool exhausted) rather than that
 * a query was wrong.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (!isError(error)) {
    return false;
  }
  const code = String((error as { code?: unknown }).code ?? '');
  return (
    error.name === 'KnexTimeoutError' ||
    SOCKET_ERROR_CODES.has(code) ||
    POSTGRES_UNAVAILABLE_CODES.has(code) ||
    // Class 08: connection exception.
    /^08[0-9A-Z]{3}$/.test(code) ||
    // ALTER DATABASE … ALLOW_CONNECTIONS false answers 55000 with this text.
    (code === '55000' &&
      /not currently accepting connections/.test(error.message)) ||
    // node-postgres, when the server goes away under an open connection,
    // and for a pooled client whose connection already failed.
    /^Connection terminated/.test(error.message) ||
    /connection error and is not queryable/.test(error.message)
  );
}

/**
 * Express error handler: a database that cannot be reached is a 503 (try
 * again later), not a 500. Everything else passes through unchanged. The
 * cause stays out of the answer: it names hosts and databases.
 */
export const databaseUnavailableAs503: ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  next(
    isDatabaseUnavailableError(error)
      ? new ServiceUnavailableError(
          'Agent risk data is unavailable right now: the database cannot be reached. Try again shortly.',
        )
      : error,
  );
};
