import { useCallback, useState } from 'react';

/**
 * Cursor paging: the server only knows "next", so the cursors of the pages
 * already seen are kept on a stack to go back. The stack resets whenever the
 * view (filters, order, page size) changes, identified by `viewKey`.
 */
export function useCursorPaging(viewKey: string) {
  const [state, setState] = useState<{
    key: string;
    stack: (string | undefined)[];
  }>({
    key: viewKey,
    stack: [undefined],
  });
  const stack = state.key === viewKey ? state.stack : [undefined];
  const next = useCallback(
    (cursor: string) =>
      setState(s => ({
        key: viewKey,
        stack: [...(s.key === viewKey ? s.stack : [undefined]), cursor],
      })),
    [viewKey],
  );
  const previous = useCallback(
    () =>
      setState(s => ({
        key: viewKey,
        stack:
          s.key === viewKey && s.stack.length > 1
            ? s.stack.slice(0, -1)
            : [undefined],
      })),
    [viewKey],
  );
  return {
    cursor: stack[stack.length - 1],
    pageIndex: stack.length - 1,
    next,
    previous,
  };
}
