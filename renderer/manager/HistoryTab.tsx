import { useState } from 'react';
import type { HistoryFilter } from '../types.ts';
import { AwardDetail } from './AwardDetail.tsx';
import { ExportButton } from './ExportButton.tsx';
import { HistoryFilters } from './HistoryFilters.tsx';
import { HistoryList } from './HistoryList.tsx';
import { HistoryTotals } from './HistoryTotals.tsx';
import { useHistoryPages } from './use-history-pages.ts';

/** The outbox history: filters, totals, CSV export and the virtualised list; a row opens the award's detail. */
export function HistoryTab() {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const pages = useHistoryPages(filter);
  return (
    <div className="history">
      <HistoryFilters onApply={setFilter} />
      <div className="history-tools">
        <HistoryTotals filter={filter} />
        <ExportButton filter={filter} />
      </div>
      {openId ? <AwardDetail awardId={openId} onClose={() => setOpenId(null)} /> : <HistoryList pages={pages} onOpen={(award) => setOpenId(award.id)} />}
    </div>
  );
}
