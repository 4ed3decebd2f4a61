// Who collects the points: a phone number (+60 preset), a member ID, or a claim QR for a customer with no card.
// A scan fills this at any time, wherever the focus is.
import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useSaleStore, type MemberMode } from '../stores/sale-store.ts';

const MODES: readonly MemberMode[] = ['phone', 'memberId', 'qr'];

interface MemberEntryProps {
  phoneRef: RefObject<HTMLInputElement | null>;
  memberIdRef: RefObject<HTMLInputElement | null>;
  onMemberReady: () => void;
}

export function MemberEntry({ phoneRef, memberIdRef, onMemberReady }: MemberEntryProps) {
  const { t } = useTranslation();
  const memberMode = useSaleStore((state) => state.memberMode);
  const setMemberMode = useSaleStore((state) => state.setMemberMode);
  const memberProblem = useSaleStore((state) => state.memberProblem);
  const scanProblem = useSaleStore((state) => state.scanProblem);
  const fromScan = useSaleStore((state) => state.memberFromScan);

  const chooseMode = (mode: MemberMode): void => {
    setMemberMode(mode);
    if (mode === 'qr') onMemberReady();
    else requestAnimationFrame(() => (mode === 'phone' ? phoneRef : memberIdRef).current?.focus());
  };

  return (
    <fieldset className="field member-entry">
      <legend>{t('counter.member.legend')}</legend>
      <div className="segmented" role="group" aria-label={t('counter.member.modes')}>
        {MODES.map((mode) => (
          <button key={mode} type="button" className="segment" aria-pressed={memberMode === mode} onClick={() => chooseMode(mode)} data-testid={`mode-${mode}`}>
            {t(`counter.member.mode.${mode}`)}
          </button>
        ))}
      </div>
      {memberMode === 'phone' && <PhoneInput inputRef={phoneRef} onMemberReady={onMemberReady} />}
      {memberMode === 'memberId' && <MemberIdInput inputRef={memberIdRef} onMemberReady={onMemberReady} />}
      {memberMode === 'qr' && <p className="field-hint">{t('counter.member.qrHint')}</p>}
      {fromScan && <p className="badge badge-scan">{t('counter.member.fromScan')}</p>}
      <Problem message={memberProblem} id="member-problem" />
      <Problem message={scanProblem} />
      <p className="field-hint scan-hint">{t('counter.member.scanHint')}</p>
    </fieldset>
  );
}

/** What the phone and member ID fields share: they take scans, show the member problem, and check the member on Enter (moving on) and on leaving. */
function useMemberField(onMemberReady: () => void) {
  const checkMember = useSaleStore((state) => state.checkMember);
  const hasProblem = useSaleStore((state) => state.memberProblem !== null);
  return {
    autoComplete: 'off',
    'data-accepts-scans': '',
    'aria-invalid': hasProblem,
    'aria-describedby': hasProblem ? 'member-problem' : undefined,
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      if (checkMember()) onMemberReady();
    },
    onBlur: () => void checkMember(),
  };
}

function PhoneInput({ inputRef, onMemberReady }: { inputRef: RefObject<HTMLInputElement | null>; onMemberReady: () => void }) {
  const { t } = useTranslation();
  const phoneText = useSaleStore((state) => state.phoneText);
  const setPhoneText = useSaleStore((state) => state.setPhoneText);
  const memberField = useMemberField(onMemberReady);
  return (
    <div className="member-input">
      <label htmlFor="member-phone">{t('counter.member.phoneLabel')}</label>
      <div className="phone-input">
        <span className="country-code" aria-label={t('counter.member.countryCode')}>
          {t('counter.member.countryCodeValue')}
        </span>
        <input
          id="member-phone"
          ref={inputRef}
          inputMode="tel"
          maxLength={20}
          placeholder={t('counter.member.phonePlaceholder')}
          data-scan-field="phone"
          value={phoneText}
          onChange={(event) => setPhoneText(event.target.value)}
          {...memberField}
        />
      </div>
    </div>
  );
}

function MemberIdInput({ inputRef, onMemberReady }: { inputRef: RefObject<HTMLInputElement | null>; onMemberReady: () => void }) {
  const { t } = useTranslation();
  const memberIdText = useSaleStore((state) => state.memberIdText);
  const setMemberIdText = useSaleStore((state) => state.setMemberIdText);
  const memberField = useMemberField(onMemberReady);
  return (
    <div className="member-input">
      <label htmlFor="member-id">{t('counter.member.memberIdLabel')}</label>
      <input
        id="member-id"
        ref={inputRef}
        maxLength={64}
        spellCheck={false}
        data-scan-field="memberId"
        value={memberIdText}
        onChange={(event) => setMemberIdText(event.target.value)}
        {...memberField}
      />
    </div>
  );
}
