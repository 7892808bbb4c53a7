import { HttpResponse } from 'msw';

/** A Backstage error response, as the backend's error handler sends it. */
export function backstageError(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    },
    { status },
  );
}

/**
 * A refused token is not a missing permission: each has its own panel.
 * Per case: status, error name, the panel's title, the other one's title.
 */
export const REFUSAL_PANELS: Array<[number, string, string, string]> = [
  [
    403,
    'NotAllowedError',
    'You are not allowed to see risk data',
    'Your session has expired',
  ],
  [
    401,
    'AuthenticationError',
    'Your session has expired',
    'You are not allowed to see risk data',
  ],
];
