// The history as pages fetched on demand with the core's keyset cursor: the list asks for the next page only when the
// manager scrolls near the end of what is loaded, so a million rows cost what the first page costs. A row on screen
// follows its award as the core changes it (a claim QR the customer just claimed says so without a reload).
import { useCallback, useEffect, useRef, useState } from 'react';
import { kaunter } from '../api.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import type { CoreText } from '../common/core-text.ts';
import type { AwardView, HistoryFilter } from '../types.ts';

export const HISTORY_PAGE_SIZE = 200;

export interface HistoryPages {
  items: AwardView[];
  hasMore: boolean;
  loading: boolean;
  problem: CoreText | null;
  loadMore: () => void;
}

interface PagesState {
  items: AwardView[];
  cursor: string | null;
  hasMore: boolean;
  loading: boolean;
  problem: CoreText | null;
}

const START: PagesState = { items: [], cursor: null, hasMore: true, loading: false, problem: null };

export function useHistoryPages(filter: HistoryFilter): HistoryPages {
  const [state, setState] = useState<PagesState>(START);
  const generation = useRef(0);
  const inFlight = useRef(false);
  const latest = useRef(state);
  latest.current = state;

  const fetchPage = useCallback(
    (from: PagesState) => {
      if (inFlight.current || !from.hasMore) return;
      inFlight.current = true;
      const mine = generation.current;
      setState({ ...from, loading: true, problem: null });
      void kaunter()
        .history.page({ filter, cursor: from.cursor, limit: HISTORY_PAGE_SIZE })
        .then((result) => {
          if (mine !== generation.current) return;
          inFlight.current = false;
          if (result.ok) {
            const { items, nextCursor } = result.value;
            setState({ items: [...from.items, ...items], cursor: nextCursor, hasMore: nextCursor !== null, loading: false, problem: null });
          } else {
            noteIfLocked(result.error);
            setState({ ...from, loading: false, problem: result.error });
          }
        });
    },
    [filter],
  );

  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    fetchPage(START);
  }, [fetchPage]);

  useEffect(
    () =>
      kaunter().on('award.updated', (award) =>
        setState((current) => (current.items.some((item) => item.id === award.id) ? { ...current, items: current.items.map((item) => (item.id === award.id ? award : item)) } : current)),
      ),
    [],
  );

  const loadMore = useCallback(() => fetchPage(latest.current), [fetchPage]);
  return { items: state.items, hasMore: state.hasMore, loading: state.loading, problem: state.problem, loadMore };
}
