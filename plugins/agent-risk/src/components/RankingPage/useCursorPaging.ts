import { useCallback, useRef } from 'react';

/** Where the ranking stands: a 1-based page and the cursor that fetches it. */
export interface PagePosition {
  page: number;
  cursor?: string;
}

/**
 * Cursor paging with the position kept in the URL (by the caller), so a
 * shared link opens on the same page. The server only knows "next", so the
 * cursors of pages seen in this session are remembered to go back; from a
 * shared link the earlier cursors are unknown, and "previous" then returns to
 * the first page rather than guessing. Memory resets whenever the view
 * (filters, order, page size), identified by `viewKey`, changes.
 */
export function useCursorPaging(
  viewKey: string,
  position: PagePosition,
  onMove: (position: PagePosition) => void,
) {
  const seen = useRef<{ key: string; cursors: Map<number, string> }>({
    key: viewKey,
    cursors: new Map(),
  });
  if (seen.current.key !== viewKey) {
    seen.current = { key: viewKey, cursors: new Map() };
  }
  if (position.page > 1 && position.cursor) {
    seen.current.cursors.set(position.page, position.cursor);
  }
  const { page } = position;
  const next = useCallback(
    (cursor: string) => onMove({ page: page + 1, cursor }),
    [onMove, page],
  );
  const previous = useCallback(() => {
    const target = page - 1;
    const cursor = seen.current.cursors.get(target);
    onMove(
      target > 1 && cursor
        ? { page: target, cursor }
        : { page: 1, cursor: undefined },
    );
  }, [onMove, page]);
  return {
    cursor: position.page > 1 ? position.cursor : undefined,
    pageIndex: position.page - 1,
    next,
    previous,
  };
}
