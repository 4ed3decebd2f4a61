// The hub's shell: sign-in, then head office (HeadOffice.tsx), loaded once someone has signed in.
import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import { useManagerStore } from '../stores/manager-store.ts';
import type { HubSession } from './hub-api.ts';
import '../app.css';
import './hub.css';

const HeadOffice = lazy(() => import('./HeadOffice.tsx').then((module) => ({ default: module.HeadOffice })));

export function HubApp({ session, onSignedIn }: { session: HubSession; onSignedIn: () => Promise<void> }) {
  const status = useManagerStore((state) => state.status);
  useEffect(() => {
    void useManagerStore.getState().load();
  }, []);
  if (!status) return null;
  if (!status.unlocked) return <SignIn session={session} onSignedIn={onSignedIn} />;
  return (
    <Suspense fallback={<Loading />}>
      <HeadOffice session={session} />
    </Suspense>
  );
}

function SignIn({ session, onSignedIn }: { session: HubSession; onSignedIn: () => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<CoreText | null>(null);
  // Why the hub signed this page out, when it said: this form shows again after that, and without a word the person
  // would only sign in again and be back here. Read at mount (signed out while head office was showing) and after a
  // sign-in the hub refused straight away (this form never went away).
  const [signedOutBy, setSignedOutBy] = useState(() => session.whySignedOut());
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await session.logIn(name, password);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(null);
    await onSignedIn();
    await useManagerStore.getState().load();
    if (!session.current()) setSignedOutBy(session.whySignedOut());
  };
  const signedOutText = signedOutBy === 'two-session-cookies' ? t('hub.twoSessionCookies') : null;
  return (
    <main className="screen hub-sign-in">
      <form onSubmit={(event) => void submit(event)} aria-label={t('hub.signIn')}>
        <h1>{t('hub.title')}</h1>
        <label>
          <span>{t('hub.name')}</span>
          <input autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} data-testid="hub-name" />
        </label>
        <label>
          <span>{t('hub.password')}</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} data-testid="hub-password" />
        </label>
        <button type="submit" className="button-primary" data-testid="hub-sign-in">
          {t('hub.signIn')}
        </button>
        <Problem message={problem ?? signedOutText} />
      </form>
    </main>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('shell.loading')}</p>;
}
