import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionInfo, StoreProfile } from '../shared/contract/system';
import { Onboarding } from './features/onboarding/Onboarding';
import { Shell } from './features/shell/Shell';
import { LockScreen } from './features/signin/LockScreen';
import { SignIn } from './features/signin/SignIn';
import { I18nProvider, type Lang, translate, useI18n } from './i18n';
import { ApiError, api } from './lib/api';
import { useTheme } from './lib/theme';
import { ApiQueryProvider, useForgetAnswers } from './ui/query';
import { ToastProvider, useToast } from './ui/toast';

type Phase =
  | { kind: 'loading' }
  | { kind: 'onboarding' }
  | { kind: 'signin'; notice?: string }
  | { kind: 'shell'; session: SessionInfo }
  | { kind: 'locked'; session: SessionInfo; idle?: boolean };

export function App() {
  const [lang, setLang] = useState<Lang>('en');
  return (
    <I18nProvider lang={lang} setLang={setLang}>
      <ToastProvider>
        <ApiQueryProvider>
          <Root setLang={setLang} />
        </ApiQueryProvider>
      </ToastProvider>
    </I18nProvider>
  );
}

function Root({ setLang }: { setLang: (l: Lang) => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [store, setStoreState] = useState<StoreProfile | null>(null);
  const [storeName, setStoreName] = useState<string | null>(null);
  const [theme, toggleTheme] = useTheme();
  const toast = useToast();
  const forgetAnswers = useForgetAnswers();
  const { t } = useI18n();
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const setStore = useCallback((s: StoreProfile) => {
    setStoreState(s);
    setStoreName(s.name);
  }, []);

  const loadStore = useCallback(async () => {
    try {
      const view = await api.settings.get(null);
      setStore(view.store);
      setLang(view.store.language);
    } catch {
      /* shown elsewhere; the shell still works without the profile */
    }
  }, [setLang, setStore]);

  const boot = useCallback(
    async (notice?: string) => {
      try {
        const status = await api.system.status(null);
        setLang(status.language);
        setStoreName(status.storeName);
        if (!status.initialised) return setPhase({ kind: 'onboarding' });
        const session = await api.staff.session(null);
        if (!session) return setPhase(notice ? { kind: 'signin', notice } : { kind: 'signin' });
        if (session.locked) return setPhase({ kind: 'locked', session });
        setPhase({ kind: 'shell', session });
        void loadStore();
      } catch (e) {
        toast.error(e);
        setPhase({ kind: 'signin' });
      }
    },
    [loadStore, setLang, toast],
  );

  useEffect(() => {
    void boot();
  }, [boot]);

  const showLock = useCallback(async (idle?: boolean) => {
    const p = phaseRef.current;
    if (p.kind !== 'shell') return;
    setPhase(idle ? { kind: 'locked', session: p.session, idle } : { kind: 'locked', session: p.session });
  }, []);

  // The server locks idle sessions by itself and says so.
  useEffect(() => {
    return api.on('session.locked', () => {
      if (phaseRef.current.kind !== 'shell') return;
      api.staff
        .session(null)
        .then((s) => {
          if (s?.locked) void showLock(true);
        })
        .catch(() => {});
    });
  }, [showLock]);

  // a backup was put in place of the shop (here or on another screen): its staff and PINs are the backup's
  useEffect(() => {
    return api.on('shop.restored', (e) => {
      const notice = t('bk.restored', { when: new Date(e.at).toLocaleString(store?.locale) });
      // straight to sign-in, so the screens' own calls refused meanwhile are not shown as errors
      phaseRef.current = { kind: 'signin', notice };
      setPhase(phaseRef.current);
      forgetAnswers();
      void boot(notice);
    });
  }, [boot, forgetAnswers, t, store?.locale]);

  const onError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.code === 'LOCKED') {
        void showLock(true);
        return;
      }
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
        if (phaseRef.current.kind === 'signin') return;
        toast.error(err);
        setPhase({ kind: 'signin' });
        return;
      }
      toast.error(err);
    },
    [showLock, toast],
  );

  const lockNow = useCallback(async () => {
    try {
      await api.staff.lock(null);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'LOCKED')) toast.error(e);
    }
    void showLock(false);
  }, [showLock, toast]);

  const signOut = useCallback(async () => {
    try {
      await api.staff.signOut(null);
    } catch (e) {
      toast.error(e);
    }
    setStoreState(null);
    forgetAnswers();
    void boot();
  }, [boot, toast, forgetAnswers]);

  const signedIn = useCallback(
    (session: SessionInfo) => {
      // answers cached for the last person may hold what this one is not allowed to see
      forgetAnswers();
      setPhase({ kind: 'shell', session });
      void loadStore();
    },
    [loadStore, forgetAnswers],
  );

  switch (phase.kind) {
    case 'loading':
      return (
        <main className="center-screen">
          <p className="muted">{translate('en', 'app.loading')}</p>
        </main>
      );
    case 'onboarding':
      return <Onboarding onDone={(notice) => void boot(notice)} theme={theme} toggleTheme={toggleTheme} />;
    case 'signin':
      return (
        <SignIn
          storeName={storeName}
          notice={phase.notice}
          onSignedIn={signedIn}
          theme={theme}
          toggleTheme={toggleTheme}
        />
      );
    case 'locked':
      return (
        <LockScreen
          session={phase.session}
          idle={phase.idle ?? false}
          storeName={storeName}
          onUnlocked={(s) => setPhase({ kind: 'shell', session: s })}
          onSwitchUser={() => void signOut()}
          theme={theme}
          toggleTheme={toggleTheme}
        />
      );
    case 'shell':
      return (
        <Shell
          session={phase.session}
          store={store}
          storeName={storeName}
          setStore={setStore}
          onError={onError}
          onLock={() => void lockNow()}
          onIdle={() => void lockNow()}
          onSignOut={() => void signOut()}
          theme={theme}
          toggleTheme={toggleTheme}
        />
      );
  }
}
