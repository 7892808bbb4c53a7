import { InputError } from '@backstage/errors';
import {
  AgentListOrderField,
  SortOrder,
} from '@agent-risk/plugin-agent-risk-common';
import { hasUnsafeText } from '@agent-risk/plugin-agent-risk-common';
import { AgentKeyset } from '../database/types';

/** Orders whose sort value is a number; the others sort text. */
const NUMERIC_ORDERS: ReadonlySet<AgentListOrderField> = new Set([
  'score',
  'cvssBase',
  'severity',
]);

interface CursorPayload {
  /** Order field and direction the cursor was made for. */
  o: AgentListOrderField;
  d: SortOrder;
  /** Sort value and entity ref of the last row of the previous page. */
  v: string | number;
  r: string;
}

/** An opaque, URL-safe cursor for the next page of `GET /agents`. */
export function encodeCursor(
  keyset: AgentKeyset,
  orderBy: AgentListOrderField,
  order: SortOrder,
): string {
  const payload: CursorPayload = {
    o: orderBy,
    d: order,
    v: keyset.value,
    r: keyset.entityRef,
  };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Reads a cursor back. A cursor that is malformed or was made for another
 * order is a 400 naming the `cursor` parameter.
 */
export function decodeCursor(
  cursor: string,
  orderBy: AgentListOrderField,
  order: SortOrder,
): AgentKeyset {
  let payload: Partial<CursorPayload>;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError(
      'Invalid query parameter "cursor": not a cursor returned by this API',
    );
  }
  const valueType = NUMERIC_ORDERS.has(orderBy) ? 'number' : 'string';
  if (
    !payload ||
    typeof payload !== 'object' ||
    typeof payload.r !== 'string' ||
    typeof payload.v !== valueType ||
    hasUnsafeText(payload.r) ||
    (typeof payload.v === 'string' && hasUnsafeText(payload.v)) ||
    (typeof payload.v === 'number' && !Number.isFinite(payload.v))
  ) {
    throw new InputError(
      'Invalid query parameter "cursor": not a cursor returned by this API',
    );
  }
  if (payload.o !== orderBy || payload.d !== order) {
    throw new InputError(
      'Invalid query parameter "cursor": it was made for another orderBy or order; start again without a cursor',
    );
  }
  return { value: payload.v as string | number, entityRef: payload.r };
}
