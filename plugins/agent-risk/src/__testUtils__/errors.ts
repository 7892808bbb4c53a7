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
