import type { SessionInfo } from '../../../shared/contract/system';
import { useT } from '../../i18n';
import type { Theme } from '../../lib/theme';
import { BareHeader } from '../../ui/HeaderControls';
import { Icon } from '../../ui/Icon';
import { PinForm } from './SignIn';

export function LockScreen({
  session,
  idle,
  storeName,
  onUnlocked,
  onSwitchUser,
  theme,
  toggleTheme,
}: {
  session: SessionInfo;
  idle: boolean;
  storeName: string | null;
  onUnlocked: (s: SessionInfo) => void;
  onSwitchUser: () => void;
  theme: Theme;
  toggleTheme: () => void;
}) {
  const t = useT();
  return (
    <div className="page locked-page">
      <BareHeader title={storeName ?? t('app.name')} theme={theme} toggleTheme={toggleTheme} />
      <main className="signin">
        <section className="card signin-card" aria-labelledby="lock-title">
          <h1 id="lock-title">
            <Icon name="lock" size={30} className="title-icon" />
            {t('lock.title')}
          </h1>
          <p className="lead">
            {t('lock.who', { name: session.staff.name })} {t('lock.prompt')}
          </p>
          {idle && <p className="notice">{t('lock.idle')}</p>}
          <PinForm
            who={session.staff}
            submitLabel={t('lock.unlock')}
            onSignedIn={onUnlocked}
            onBack={onSwitchUser}
            backLabel={t('lock.switch')}
            showWho={false}
          />
        </section>
      </main>
    </div>
  );
}
