import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
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
    (patch: Partial<RankingQuery>) =>
      setSearchParams(
        current => toSearchParams({ ...parseRankingQuery(current), ...patch }),
        { replace: true },
      ),
    [setSearchParams],
  );
  return [query, update];
}
