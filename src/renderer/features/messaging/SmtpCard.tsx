import type { FormEvent } from 'react';
import { SMTP_SECURITY } from '../../../shared/contract/messaging';
import { useT } from '../../i18n';
import { SelectField, TextFields } from '../../ui/fields';
import { secretSpec, useLoadedForm } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { SaveAndTest } from './SaveAndTest';
import '../relationships/relationships.css';
import { namedOptions } from '../../ui/SelectFields';

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
  const settings = useApiQuery('messaging', 'settings', null);
  const { form, setForm } = useLoadedForm(
    settings.data,
    ({ email: e }): Form => ({
      host: e?.host ?? '',
      port: String(e?.port ?? 587),
      security: e?.security ?? 'starttls',
      user: e?.user ?? '',
      password: '',
      from: e?.from ?? '',
    }),
  );
  const update = useApiMutation('messaging', 'updateSettings', {
    // the password is kept in main now: the field empties, the rest stays as typed
    onSuccess: () => {
      if (form) setForm({ ...form, password: '' });
      toast.success(t('msg.smtp.saved'));
    },
  });
  const test = useApiMutation('messaging', 'test', {
    onSuccess: (r) => (r.ok ? toast.success(r.message) : toast.error(r.message)),
  });

  if (!form) return null;
  const passwordSet = !!settings.data?.email?.passwordSet;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({
      email: {
        host: form.host,
        port: Number(form.port),
        security: form.security,
        user: form.user.trim() || null,
        from: form.from,
        ...(form.password ? { password: form.password } : form.user.trim() ? {} : { password: null }),
      },
    });
  };
  const onChange = (key: 'host' | 'port' | 'user' | 'password' | 'from', value: string) =>
    set({ [key]: key === 'port' ? value.replace(/\D/g, '') : value });

  return (
    <form className="card" onSubmit={save} aria-labelledby="h-smtp">
      <h2 id="h-smtp">{t('msg.settings')}</h2>
      <fieldset className="plain-fieldset" disabled={!editable || update.isPending || test.isPending}>
        <div className="grid-3">
          <TextFields
            specs={[
              { key: 'host', id: 'smtp-host', label: t('msg.smtp.host'), required: true },
              { key: 'port', id: 'smtp-port', label: t('msg.smtp.port'), inputMode: 'numeric', required: true },
            ]}
            values={form}
            onChange={onChange}
          />
          <SelectField
            id="smtp-security"
            label={t('msg.smtp.security')}
            value={form.security}
            onChange={(security) => set({ security })}
            options={namedOptions(t, 'msg.smtp.security', SMTP_SECURITY)}
          />
          <TextFields
            specs={[
              { key: 'user', id: 'smtp-user', label: t('msg.smtp.user'), autoComplete: 'off' },
              secretSpec('password', 'smtp-password', t('msg.smtp.password'), passwordSet),
              { key: 'from', id: 'smtp-from', label: t('msg.smtp.from'), type: 'email', required: true },
            ]}
            values={form}
            onChange={onChange}
          />
        </div>
        {passwordSet && <p className="muted">{t('msg.smtp.passwordKept')}</p>}
        <SaveAndTest
          save={t('msg.smtp.save')}
          id="smtp-test-to"
          label={t('msg.test.to')}
          type="email"
          onSend={(to) => test.mutate({ channel: 'email', to })}
        />
      </fieldset>
    </form>
  );
}
