import { ResponseError } from '@backstage/errors';
import { isForbidden, isNotFound, statusOf } from './errors';

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

  it('has no status for other errors and non-errors', () => {
    expect(statusOf(new Error('boom'))).toBeUndefined();
    expect(statusOf({ statusCode: 404 })).toBeUndefined();
    expect(statusOf(undefined)).toBeUndefined();
  });
});
