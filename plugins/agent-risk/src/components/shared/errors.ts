import { ResponseError } from '@backstage/errors';

/** The HTTP status of a failed API call, if it was one. */
export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

export const isForbidden = (error: unknown) =>
  statusOf(error) === 403 || statusOf(error) === 401;
export const isNotFound = (error: unknown) => statusOf(error) === 404;
