import { isError, ResponseError } from '@backstage/errors';

/** The HTTP status of a failed API call, if it was one. */
export function statusOf(error: unknown): number | undefined {
  // Matched by name, not instanceof: an adopter's app may hold another copy of
  // @backstage/errors than the one that threw.
  return isError(error) && error.name === 'ResponseError'
    ? (error as ResponseError).statusCode
    : undefined;
}

export const isForbidden = (error: unknown) =>
  statusOf(error) === 403 || statusOf(error) === 401;
export const isNotFound = (error: unknown) => statusOf(error) === 404;
