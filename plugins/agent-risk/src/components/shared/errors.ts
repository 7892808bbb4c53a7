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

/** 403: signed in, but a permission is missing. */
export const isForbidden = (error: unknown) => statusOf(error) === 403;
/**
 * 401: the backend did not accept the user's token, usually an expired
 * session. Not a missing permission: signing in again is the fix.
 */
export const isUnauthenticated = (error: unknown) => statusOf(error) === 401;
export const isNotFound = (error: unknown) => statusOf(error) === 404;

/**
 * What to tell the user about a failed call: the backend's own message (a
 * 400 names the field), else the error's.
 */
export function errorMessage(error: unknown): string {
  if (isResponseError(error)) {
    const message = (error.body as { error?: { message?: unknown } })?.error
      ?.message;
    if (typeof message === 'string' && message !== '') {
      return message;
    }
  }
  return isError(error) ? error.message : String(error);
}
