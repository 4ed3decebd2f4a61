// Head office's Counters tab: every terminal in the user's scope, its last push in Malaysian time, and what needs
// someone's attention (quiet, revoked, a push the hub refused, an enrolment code nobody used), each in plain words with
// what to do. The hub decides what counts as quiet, by its own clock (hub/terminal-health.ts).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RecordedRefusal } from '../../hub/refused-pushes.ts';
import type { TerminalHealth } from '../../hub/terminal-health.ts';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateMinute } from '../format/locale.ts';
import type { Language } from '../i18n/languages.ts';
import type { HubSession, Place } from './hub-api.ts';

interface Notice {
  id: string;
  title: string;
  detail: string;
}

export function CountersTab({ session, place }: { session: HubSession; place: Place }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [items, setItems] = useState<TerminalHealth[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void session.terminals().then((result) => {
      if (result.ok) setItems(result.value.items);
      else setProblem(result.error.message);
    });
  }, [session]);
  const rows = (items ?? [])
    .filter((item) => (!place.outlet || item.outlet === place.outlet) && (!place.terminal || item.terminal === place.terminal))
    .map((item) => ({ item, notices: notices(item, t, language) }));
  const troubled = rows.filter((row) => row.notices.length > 0).length;
  return (
    <div className="hub-counters">
      <Problem message={problem} />
      {items && (
        <p data-testid="counters-summary">
          {troubled === 0 ? t('hub.counters.allWell', { count: rows.length }) : t('hub.counters.needAttention', { count: troubled, total: rows.length })}
        </p>
      )}
      {rows.length > 0 && <CountersTable rows={rows} />}
    </div>
  );
}

function CountersTable({ rows }: { rows: Array<{ item: TerminalHealth; notices: Notice[] }> }) {
  const { t } = useTranslation();
  return (
    <table className="hub-counters-table">
      <thead>
        <tr>
          <th scope="col">{t('hub.outlet')}</th>
          <th scope="col">{t('hub.terminal')}</th>
          <th scope="col">{t('hub.counters.lastPush')}</th>
          <th scope="col">{t('hub.counters.attention')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ item, notices: found }) => (
          <CounterRow key={`${item.outlet}/${item.terminal}`} item={item} found={found} />
        ))}
      </tbody>
    </table>
  );
}

function CounterRow({ item, found }: { item: TerminalHealth; found: Notice[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <tr data-testid="counter-row" data-terminal={`${item.outlet} / ${item.terminal}`} className={found.length > 0 ? 'hub-counter-trouble' : undefined}>
      <td>{item.outlet}</td>
      <th scope="row">{item.terminal}</th>
      <td data-testid="counter-last-push">{item.lastPushAt === null ? t('hub.counters.neverPushed') : formatDateMinute(item.lastPushAt, language)}</td>
      <td>
        {found.length === 0 ? (
          <span className="hub-counter-ok">{t('hub.counters.ok')}</span>
        ) : (
          <ul className="hub-counter-notices">
            {found.map((notice) => (
              <li key={notice.id} data-testid={`counter-${notice.id}`}>
                <strong>{notice.title}</strong> {notice.detail}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** What needs someone's attention at this terminal: what head office did to it first, then what its PC did since. */
function notices(item: TerminalHealth, t: TFunction, language: Language): Notice[] {
  const when = (ms: number) => formatDateMinute(ms, language);
  const found: Notice[] = [];
  if (item.revokedAt !== null) found.push({ id: 'revoked', title: t('hub.counters.revoked', { time: when(item.revokedAt) }), detail: t('hub.counters.revokedDetail') });
  if (item.refusal) {
    found.push({ id: 'refusal', title: t('hub.counters.refused', { time: when(item.refusal.at), code: item.refusal.code }), detail: refusalWords(item.refusal.code, t) });
  }
  if (item.quietDays !== null) found.push({ id: 'quiet', title: t('hub.counters.quiet', { count: item.quietDays }), detail: t('hub.counters.quietDetail') });
  if (item.enrolCode) {
    const time = when(item.enrolCode.expiresAt);
    found.push(
      item.enrolCode.expired
        ? { id: 'code', title: t('hub.counters.codeExpired', { time }), detail: t('hub.counters.codeExpiredDetail') }
        : { id: 'code', title: t('hub.counters.codeOutstanding', { time }), detail: t('hub.counters.codeOutstandingDetail') },
    );
  }
  return found;
}

/** What the refusal means and what to do about it, for each code the hub notes (hub/refused-pushes.ts). */
function refusalWords(code: RecordedRefusal, t: TFunction): string {
  switch (code) {
    case 'CONFLICT':
      return t('hub.counters.refusal.conflict');
    case 'REVOKED':
      return t('hub.counters.refusal.revoked');
    case 'NOT_YOURS':
      return t('hub.counters.refusal.notYours');
    case 'BAD_BATCH':
    case 'BAD_REQUEST':
    case 'TOO_LARGE':
      return t('hub.counters.refusal.unreadable');
  }
}
