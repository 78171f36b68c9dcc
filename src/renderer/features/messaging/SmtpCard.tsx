import { type FormEvent, useEffect, useState } from 'react';
import { SMTP_SECURITY } from '../../../shared/contract/messaging';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { SelectField, TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';
import '../relationships/relationships.css';

type Security = (typeof SMTP_SECURITY)[number];
interface Form {
  host: string;
  port: string;
  security: Security;
  user: string;
  password: string;
  from: string;
}

/** The shop's mail server (the password is kept in main and never shown again) and "send test". */
export function SmtpCard({ editable }: { editable: boolean }) {
  const t = useT();
  const toast = useToast();
  const { onError } = useShell();
  const [form, setForm] = useState<Form | null>(null);
  const [passwordSet, setPasswordSet] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.messaging
      .settings(null)
      .then((s) => {
        const e = s.email;
        setPasswordSet(!!e?.passwordSet);
        setForm({
          host: e?.host ?? '',
          port: String(e?.port ?? 587),
          security: e?.security ?? 'starttls',
          user: e?.user ?? '',
          password: '',
          from: e?.from ?? '',
        });
      })
      .catch(onError);
  }, [onError]);

  if (!form) return null;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const view = await api.messaging.updateSettings({
        email: {
          host: form.host,
          port: Number(form.port),
          security: form.security,
          user: form.user.trim() || null,
          from: form.from,
          ...(form.password ? { password: form.password } : form.user.trim() ? {} : { password: null }),
        },
      });
      setPasswordSet(!!view.email?.passwordSet);
      set({ password: '' });
      toast.success(t('msg.smtp.saved'));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    try {
      const r = await api.messaging.test({ channel: 'email', to: testTo });
      if (r.ok) toast.success(r.message);
      else toast.error(r.message);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={save} aria-labelledby="h-smtp">
      <h2 id="h-smtp">{t('msg.settings')}</h2>
      <fieldset className="plain-fieldset" disabled={!editable || busy}>
        <div className="grid-3">
          <TextField
            id="smtp-host"
            label={t('msg.smtp.host')}
            value={form.host}
            onChange={(host) => set({ host })}
            required
          />
          <TextField
            id="smtp-port"
            label={t('msg.smtp.port')}
            inputMode="numeric"
            value={form.port}
            onChange={(port) => set({ port: port.replace(/\D/g, '') })}
            required
          />
          <SelectField
            id="smtp-security"
            label={t('msg.smtp.security')}
            value={form.security}
            onChange={(security) => set({ security })}
            options={SMTP_SECURITY.map((s) => ({ value: s, label: t(`msg.smtp.security.${s}` as MessageKey) }))}
          />
          <TextField
            id="smtp-user"
            label={t('msg.smtp.user')}
            value={form.user}
            onChange={(user) => set({ user })}
            autoComplete="off"
          />
          <TextField
            id="smtp-password"
            label={t('msg.smtp.password')}
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(password) => set({ password })}
            placeholder={passwordSet ? '••••••' : ''}
          />
          <TextField
            id="smtp-from"
            label={t('msg.smtp.from')}
            type="email"
            value={form.from}
            onChange={(from) => set({ from })}
            required
          />
        </div>
        {passwordSet && <p className="muted">{t('msg.smtp.passwordKept')}</p>}
        <div className="row-actions">
          <button type="submit" className="btn btn-primary">
            {t('msg.smtp.save')}
          </button>
        </div>
        <div className="inline-form">
          <TextField id="smtp-test-to" label={t('msg.test.to')} type="email" value={testTo} onChange={setTestTo} />
          <button type="button" className="btn" disabled={!testTo} onClick={() => void test()}>
            {t('msg.test.send')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
