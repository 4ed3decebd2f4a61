import { useState } from 'react';
import type { HistoryFilter } from '../types.ts';
import { AwardDetail } from './AwardDetail.tsx';
import { kaunter } from '../api.ts';
import { ExportButton } from '../common/ExportButton.tsx';
import { HistoryFilters } from './HistoryFilters.tsx';
import { HistoryList } from './HistoryList.tsx';
import { HistoryTotals } from './HistoryTotals.tsx';
import { useHistoryPages } from './use-history-pages.ts';

/**
 * The outbox history: filters, totals with their charts, CSV export and the virtualised list; a row opens the award's
 * detail in their place (Back returns to them as they were).
 */
export function HistoryTab() {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const pages = useHistoryPages(filter);
  return (
    <>
      {openId && <AwardDetail awardId={openId} onClose={() => setOpenId(null)} />}
      <div className="history" hidden={openId !== null}>
        <HistoryFilters onApply={setFilter} />
        <div className="history-tools">
          <HistoryTotals filter={filter} />
          <ExportButton save={() => kaunter().history.exportCsv({ filter })} />
        </div>
        <HistoryList pages={pages} onOpen={(award) => setOpenId(award.id)} />
      </div>
    </>
  );
}
