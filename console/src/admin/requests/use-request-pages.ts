// The requests loaded so far for one set of filters, a page at a time (never more), with the
// cursor for the next. A change of filters starts again; an answer for old filters is dropped.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../api/http';
import { adminApi } from '../api/admin-api';
import type { RequestRow } from '../api/types';
import { asApiError } from '../ui/use-load';
import { apiQuery, type RequestFilters } from './filters';

export const PAGE_SIZE = 100;

export interface RequestPages {
  rows: RequestRow[];
  next: string | null;
  loading: boolean;
  done: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
}

export function useRequestPages(filters: RequestFilters): RequestPages {
  const [rows, setRows] = useState<RequestRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  const [tick, setTick] = useState(0);
  const filterKey = JSON.stringify(filters);

  const fetchPage = useCallback(
    (before: string | null, mine: number) => {
      busy.current = true;
      setLoading(true);
      adminApi.requests(apiQuery(filters, { before, limit: PAGE_SIZE })).then(
        (page) => {
          if (mine !== generation.current) return;
          busy.current = false;
          setRows((current) => (before ? current.concat(page.data) : page.data));
          setNext(page.next);
          setDone(page.next === null);
          setError(null);
          setLoading(false);
        },
        (problem: unknown) => {
          if (mine !== generation.current) return;
          busy.current = false;
          setError(asApiError(problem));
          setLoading(false);
        },
      );
    },
    [filterKey],
  );

  useEffect(() => {
    const mine = ++generation.current;
    setRows([]);
    setNext(null);
    setDone(false);
    fetchPage(null, mine);
  }, [filterKey, tick]);

  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const loadMore = useCallback(() => {
    if (busy.current || !next || error) return;
    fetchPage(next, generation.current);
  }, [next, error, fetchPage]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { rows, next, loading, done, error, loadMore, reload };
}
