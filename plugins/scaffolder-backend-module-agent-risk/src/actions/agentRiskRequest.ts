import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';

/** Longest error text from the backend carried into the task log. */
const MAX_MESSAGE_LENGTH = 1000;

async function errorMessage(response: Response): Promise<string> {
  const body = await response.text().catch(() => '');
  let message = body;
  try {
    // Backstage's error shape: { error: { name, message }, response }
    message = JSON.parse(body)?.error?.message ?? body;
  } catch {
    // not JSON: the text itself
  }
  message = String(message).trim() || response.statusText;
  return message.length > MAX_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…`
    : message;
}

/**
 * POSTs JSON to an agent-risk route and returns the JSON answer; a refusal
 * becomes the matching Backstage error with the backend's own message, which
 * names the field ("Invalid spec.owner: ...").
 */
export async function postToAgentRisk<T>(options: {
  url: string;
  token: string;
  body: unknown;
  what: string;
  signal?: AbortSignal;
}): Promise<T> {
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${options.token}`,
    },
    body: JSON.stringify(options.body),
    signal: options.signal,
  });
  if (response.ok) {
    return (await response.json()) as T;
  }
  const message = await errorMessage(response);
  const prefix = `${options.what} was refused (${response.status})`;
  switch (response.status) {
    case 400:
      throw new InputError(`${prefix}: ${message}`);
    case 401:
      throw new AuthenticationError(`${prefix}: ${message}`);
    case 403:
      throw new NotAllowedError(`${prefix}: ${message}`);
    case 404:
      throw new NotFoundError(
        `${prefix}: ${message} (is the agent-risk backend plugin installed?)`,
      );
    case 409:
      throw new ConflictError(`${prefix}: ${message}`);
    default:
      throw new Error(`${prefix}: ${message}`);
  }
}
