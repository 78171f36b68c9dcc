import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { SessionInfo, StaffRow } from '../../../shared/contract/system';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import type { Theme } from '../../lib/theme';
import { BareHeader } from '../../ui/HeaderControls';
import { Keypad, PinInput } from '../../ui/Keypad';
import { messageOf, useToast } from '../../ui/toast';

type RosterRow = Omit<StaffRow, 'active'>;

export function initials(name: string): string {
  return name
    .split(' ')
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function SignIn({
  storeName,
  notice,
  onSignedIn,
  theme,
  toggleTheme,
}: {
  storeName: string | null;
  notice?: string | undefined;
  onSignedIn: (s: SessionInfo) => void;
  theme: Theme;
  toggleTheme: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const [roster, setRoster] = useState<RosterRow[] | null>(null);
  const [chosen, setChosen] = useState<RosterRow | null>(null);

  useEffect(() => {
    api.staff
      .roster(null)
      .then((r) => {
        setRoster(r);
        if (r.length === 1 && r[0]) setChosen(r[0]);
      })
      .catch((e) => toast.error(e));
  }, [toast]);

  return (
    <div className="page">
      <BareHeader title={storeName ?? t('app.name')} theme={theme} toggleTheme={toggleTheme} />
      <main className="signin">
        <section className="card signin-card" aria-labelledby="signin-title">
          <h1 id="signin-title">{t('signin.title')}</h1>
          {notice && <p className="notice">{notice}</p>}
          {!chosen && (
            <>
              <p className="muted">{t('signin.choose')}</p>
              {roster && roster.length === 0 && <p>{t('signin.noStaff')}</p>}
              <ul className="roster">
                {roster?.map((s) => (
                  <li key={s.id}>
                    <button type="button" className="roster-btn" onClick={() => setChosen(s)}>
                      <span className="avatar" aria-hidden="true">
                        {initials(s.name)}
                      </span>
                      <span className="roster-name">{s.name}</span>
                      <span className="roster-role">{t(`role.${s.role}` as MessageKey)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {chosen && (
            <PinForm
              who={chosen}
              submitLabel={t('signin.submit')}
              onSignedIn={onSignedIn}
              onBack={roster && roster.length > 1 ? () => setChosen(null) : undefined}
            />
          )}
        </section>
      </main>
    </div>
  );
}

/** "PIN" field, keypad and submit, used by sign-in and the lock screen. Errors show inline as an alert. */
export function PinForm({
  who,
  submitLabel,
  onSignedIn,
  onBack,
  backLabel,
  showWho = true,
}: {
  who: RosterRow;
  submitLabel: string;
  onSignedIn: (s: SessionInfo) => void;
  onBack?: (() => void) | undefined;
  backLabel?: string;
  showWho?: boolean;
}) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const inputRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus the PIN field after every attempt
  useEffect(() => {
    inputRef.current?.querySelector('input')?.focus();
  }, [attempt]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || pin === '') return;
    setBusy(true);
    setError(null);
    try {
      const s = await api.staff.signIn({ staffId: who.id, pin });
      onSignedIn(s);
    } catch (err) {
      setError(messageOf(err));
      setPin('');
      setAttempt((a) => a + 1);
      setBusy(false);
    }
  };

  return (
    <form className="pin-form" onSubmit={submit}>
      {showWho && (
        <div className="who">
          <span className="avatar avatar-lg" aria-hidden="true">
            {initials(who.name)}
          </span>
          <div>
            <div className="who-name">{who.name}</div>
            <div className="muted">{t(`role.${who.role}` as MessageKey)}</div>
          </div>
        </div>
      )}
      <div ref={inputRef}>
        <PinInput id="pin" label={t('signin.pin')} value={pin} onChange={setPin} autoFocus />
      </div>
      {error && (
        <p role="alert" className="inline-alert" key={attempt}>
          {error}
        </p>
      )}
      <Keypad value={pin} onChange={setPin} />
      <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy || pin === ''}>
        {submitLabel}
      </button>
      {onBack && (
        <button type="button" className="btn btn-ghost btn-block" onClick={onBack}>
          {backLabel ?? t('signin.back')}
        </button>
      )}
    </form>
  );
}
