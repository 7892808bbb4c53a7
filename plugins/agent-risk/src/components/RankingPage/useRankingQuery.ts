import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  PAGE_POSITION_KEYS,
  parseRankingQuery,
  RankingQuery,
  toSearchParams,
} from './rankingQuery';

/** The ranking view, read from and written to the URL query string. */
export function useRankingQuery(): [
  RankingQuery,
  (patch: Partial<RankingQuery>) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => parseRankingQuery(searchParams), [searchParams]);
  const update = useCallback(
    (patch: Partial<RankingQuery>) => {
      const changesView = Object.keys(patch).some(
        key => !PAGE_POSITION_KEYS.includes(key as keyof RankingQuery),
      );
      const position = changesView ? { page: 1, cursor: undefined } : {};
      setSearchParams(
        current =>
          toSearchParams({
            ...parseRankingQuery(current),
            ...patch,
            ...position,
          }),
        { replace: true },
      );
    },
    [setSearchParams],
  );
  return [query, update];
}
