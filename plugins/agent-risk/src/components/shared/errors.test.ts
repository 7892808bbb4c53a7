import { ResponseError } from '@backstage/errors';
import {
  errorMessage,
  isForbidden,
  isNotFound,
  isUnauthenticated,
  statusOf,
} from './errors';

async function responseError(status: number) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name: 'Error', message: 'x' } }), {
      status,
      headers: { 'content-type': 'application/json' },
    }) as any,
  );
}

describe('statusOf', () => {
  it('reads the status of a ResponseError', async () => {
    const error = await responseError(404);
    expect(statusOf(error)).toBe(404);
    expect(isNotFound(error)).toBe(true);
    expect(isForbidden(error)).toBe(false);
  });

  it('recognises a ResponseError from another copy of @backstage/errors', () => {
    const foreign = Object.assign(new Error('nope'), {
      name: 'ResponseError',
      statusCode: 403,
    });
    expect(statusOf(foreign)).toBe(403);
    expect(isForbidden(foreign)).toBe(true);
  });

  it('tells an expired session (401) from a missing permission (403)', async () => {
    const expired = await responseError(401);
    expect(isUnauthenticated(expired)).toBe(true);
    expect(isForbidden(expired)).toBe(false);
    const denied = await responseError(403);
    expect(isForbidden(denied)).toBe(true);
    expect(isUnauthenticated(denied)).toBe(false);
  });

  it('has no status for other errors and non-errors', () => {
    expect(statusOf(new Error('boom'))).toBeUndefined();
    expect(statusOf({ statusCode: 404 })).toBeUndefined();
    expect(statusOf(undefined)).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it('is the backend’s message of a ResponseError, which names the field', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'InputError', message: 'Invalid "url": not allowed' },
          request: { method: 'POST', url: '/api/agent-risk/import/fetch' },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'content-type': 'application/json' } },
      ) as any,
    );
    expect(error.message).not.toContain('not allowed');
    expect(errorMessage(error)).toBe('Invalid "url": not allowed');
  });

  it('is the message of other errors, and the text of non-errors', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('odd')).toBe('odd');
  });
});
