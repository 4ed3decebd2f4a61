// The cashier's one screen, keyboard first: amount -> Enter -> member -> Enter -> confirm (Enter). Scans land here
// whatever has focus. Escape starts a new sale (or closes the claim QR).
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useScans, type ScanEvent } from '../scanner/use-scans.ts';
import { amountSenOf, memberRefused, useSaleStore, type MemberMode } from '../stores/sale-store.ts';
import { ShiftBar } from '../shift/ShiftBar.tsx';
import { AmountField } from './AmountField.tsx';
import { ClaimQrPanel } from './ClaimQrPanel.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { IdlePanel } from './IdlePanel.tsx';
import { MemberEntry } from './MemberEntry.tsx';
import { OutcomePanel } from './OutcomePanel.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { ReceiptField } from './ReceiptField.tsx';
import { useCustomerDisplay } from './use-customer-display.ts';
import './counter.css';

/** Wait this long after the last change before asking RM for points (typing an amount is not a request per key). */
const PREVIEW_DELAY_MS = 250;

export function CounterScreen() {
  const { t } = useTranslation();
  const amountRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const memberIdRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const phase = useSaleStore((state) => state.phase);
  const qrShown = useSaleStore((state) => state.outcome?.award.state === 'AWARDED' && Boolean(state.outcome.award.qrCodeUrl) && !state.qrDismissed);
  const hasOutcome = useSaleStore((state) => state.outcome !== null);
  const previewing = useSaleStore((state) => state.phase !== 'done' && state.member !== null && amountSenOf(state) !== null);

  const memberField = useCallback((mode: MemberMode): HTMLInputElement | null => {
    if (mode === 'phone') return phoneRef.current;
    return mode === 'memberId' ? memberIdRef.current : null;
  }, []);

  const focusMember = useCallback((): void => {
    const sale = useSaleStore.getState();
    const field = memberField(sale.memberMode);
    if (!field || (sale.member && !memberRefused(sale))) return confirmRef.current?.focus();
    field.focus();
    if (sale.member) field.select();
  }, [memberField]);

  const onScan = useCallback((scan: ScanEvent): void => {
    useSaleStore.getState().applyScan(scan.identity, scan.typedInto);
    const sale = useSaleStore.getState();
    if (scan.identity.type === 'ID' || scan.identity.type === 'PHONENUMBER') {
      if (amountSenOf(sale) === null) amountRef.current?.focus();
      else confirmRef.current?.focus();
    }
  }, []);
  useScans(onScan);
  useBackToMemberWhenRefused(confirmRef, memberField);
  usePreviewRequests();
  useCustomerDisplay();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const sale = useSaleStore.getState();
      if (sale.phase === 'done' && sale.outcome?.award.qrCodeUrl && !sale.qrDismissed) sale.dismissQr();
      else sale.startNextSale();
      amountRef.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="counter">
      <div className="counter-sale">
        <form className="sale" aria-label={t('counter.title')} onSubmit={(event) => event.preventDefault()}>
          <AmountField inputRef={amountRef} onEnter={focusMember} />
          <MemberEntry phoneRef={phoneRef} memberIdRef={memberIdRef} onMemberReady={() => confirmRef.current?.focus()} />
          <ReceiptField onEnter={() => confirmRef.current?.focus()} />
          <ConfirmButton buttonRef={confirmRef} onSubmitted={() => amountRef.current?.focus()} />
          {phase === 'done' && (
            <button type="button" className="button-secondary" onClick={() => { useSaleStore.getState().startNextSale(); amountRef.current?.focus(); }}>
              {t('counter.newSale')}
            </button>
          )}
        </form>
        <ShiftBar />
      </div>
      <div className={qrShown ? 'result result-qr' : 'result'}>
        <QrClosedNote />
        <ResultColumn qrShown={qrShown} hasOutcome={hasOutcome} previewing={previewing} onRetried={() => requestAnimationFrame(focusMember)} />
      </div>
    </div>
  );
}

interface ResultColumnProps {
  qrShown: boolean;
  hasOutcome: boolean;
  previewing: boolean;
  onRetried: () => void;
}

/** Beside the sale, one thing at a time: the claim QR, the last outcome, this sale's points preview, or the steps. */
function ResultColumn({ qrShown, hasOutcome, previewing, onRetried }: ResultColumnProps) {
  if (qrShown) return <ClaimQrPanel />;
  if (hasOutcome) return <OutcomePanel onRetried={onRetried} />;
  if (previewing) return <PreviewPanel />;
  return <IdlePanel />;
}

/**
 * Enter in the member field moves on to Confirm before RM has answered the preview. When the answer is "not a member",
 * Confirm is held and typing there goes nowhere: the focus goes back to the member field with its text selected, so the
 * corrected number replaces it. Only from Confirm: a cashier who has moved elsewhere is left there (a scan lands
 * wherever the focus is).
 */
function useBackToMemberWhenRefused(confirmRef: RefObject<HTMLButtonElement | null>, memberField: (mode: MemberMode) => HTMLInputElement | null): void {
  useEffect(
    () =>
      useSaleStore.subscribe((sale, before) => {
        if (!memberRefused(sale) || memberRefused(before) || document.activeElement !== confirmRef.current) return;
        const field = memberField(sale.memberMode);
        field?.focus();
        field?.select();
      }),
    [confirmRef, memberField],
  );
}

/** The last sale's claim QR was closed before anyone scanned it: the cashier hears that a manager can show it again. */
function QrClosedNote() {
  const { t } = useTranslation();
  const closed = useSaleStore((state) => state.qrClosedUnscanned !== null);
  if (!closed) return null;
  return (
    <p className="result-note" role="status" data-testid="qr-closed-note">
      {t('counter.qrClosedUnscanned')}
    </p>
  );
}

/** Ask for the points preview whenever the amount or the member settles. */
function usePreviewRequests(): void {
  const amountSen = useSaleStore(amountSenOf);
  const member = useSaleStore((state) => state.member);
  const phase = useSaleStore((state) => state.phase);
  useEffect(() => {
    if (phase !== 'editing' || amountSen === null || member === null) return undefined;
    const timer = setTimeout(() => void useSaleStore.getState().requestPreview(), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [amountSen, member, phase]);
}
