import { isError, ResponseError } from '@backstage/errors';

// Matched by name, not instanceof: an adopter's app may hold another copy of
// @backstage/errors than the one that threw.
function isResponseError(error: unknown): error is ResponseError {
  return isError(error) && error.name === 'ResponseError';
}

/** The HTTP status of a failed API call, if it was one. */
export function statusOf(error: unknown): number | undefined {
  return isResponseError(error) ? error.statusCode : undefined;
}

export const isForbidden = (error: unknown) =>
  statusOf(error) === 403 || statusOf(error) === 401;
export const isNotFound = (error: unknown) => statusOf(error) === 404;
