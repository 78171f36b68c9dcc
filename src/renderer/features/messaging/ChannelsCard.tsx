import { type FormEvent, useState } from 'react';
import { type MessagingSettingsView, SMS_PRESET_URLS, SMS_PRESETS } from '../../../shared/contract/messaging';
import { useT } from '../../i18n';
import { SelectField, TextFields } from '../../ui/fields';
import { secretSpec } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { SaveAndTest } from './SaveAndTest';

type Preset = (typeof SMS_PRESETS)[number];
interface Form {
  preset: Preset;
  account: string;
  key: string;
  sender: string;
  url: string;
  modem: string;
  waNumberId: string;
  waToken: string;
}

function formOf(s: MessagingSettingsView): Form {
  return {
    preset: s.sms?.preset ?? 'africastalking',
    account: s.sms?.account ?? '',
    key: '',
    sender: s.sms?.sender ?? '',
    url: s.sms?.url ?? SMS_PRESET_URLS.africastalking,
    modem: s.modem?.path ?? '',
    waNumberId: s.whatsapp?.phoneNumberId ?? '',
    waToken: '',
  };
}

/**
 * SMS (a provider's gateway by its documented API, a custom one, or a GSM modem on a serial port) and WhatsApp's
 * Cloud API. Keys and tokens are kept in the main process and never shown again; an empty field keeps the one kept.
 */
export function ChannelsCard({ editable }: { editable: boolean }) {
  const t = useT();
  const toast = useToast();
  const settings = useApiQuery('messaging', 'settings', null);
  const [form, setForm] = useState<Form | null>(null);
  const save = useApiMutation('messaging', 'updateSettings', {
    onSuccess: () => {
      setForm(null);
      toast.success(t('msg.ch.saved'));
    },
  });
  const test = useApiMutation('messaging', 'test', {
    onSuccess: (r) => (r.ok ? toast.success(r.message) : toast.error(r.message)),
  });
  const s = settings.data;
  if (!s) return null;
  const f = form ?? formOf(s);
  const set = (patch: Partial<Form>) => setForm({ ...f, ...patch });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const base = s.sms;
    save.mutate({
      sms: f.url.trim()
        ? {
            preset: f.preset,
            account: f.account,
            url: f.url.trim(),
            sender: f.sender,
            method: base?.method ?? 'POST',
            contentType: base?.contentType ?? 'application/json',
            bodyTemplate: base?.bodyTemplate ?? '{"to":"{{to}}","message":"{{text}}","reference":"{{id}}"}',
            timeoutMs: base?.timeoutMs ?? 10_000,
            ...(f.key ? { authorization: f.key } : {}),
          }
        : null,
      modem: f.modem.trim()
        ? { path: f.modem.trim(), baudRate: s.modem?.baudRate ?? 115_200, timeoutMs: s.modem?.timeoutMs ?? 20_000 }
        : null,
      whatsapp: f.waNumberId.trim()
        ? {
            phoneNumberId: f.waNumberId.trim(),
            apiVersion: s.whatsapp?.apiVersion ?? 'v21.0',
            baseUrl: s.whatsapp?.baseUrl ?? 'https://graph.facebook.com',
            timeoutMs: s.whatsapp?.timeoutMs ?? 10_000,
            ...(f.waToken ? { accessToken: f.waToken } : {}),
          }
        : null,
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="h-channels">
      <h2 id="h-channels">{t('msg.ch.title')}</h2>
      <fieldset className="plain-fieldset" disabled={!editable || save.isPending}>
        <div className="grid-3">
          <SelectField
            id="sms-preset"
            label={t('msg.ch.preset')}
            value={f.preset}
            onChange={(preset) => set({ preset, url: preset === 'custom' ? f.url : SMS_PRESET_URLS[preset] })}
            options={namedOptions(t, 'msg.ch.preset', SMS_PRESETS)}
          />
          <TextFields
            specs={[
              { key: 'account', id: 'sms-account', label: t('msg.ch.account'), autoComplete: 'off' },
              secretSpec('key', 'sms-key', t('msg.ch.key'), s.sms?.authorizationSet),
              { key: 'sender', id: 'sms-sender', label: t('msg.ch.sender') },
              { key: 'url', id: 'sms-url', label: t('msg.ch.url'), className: 'span-2' },
              { key: 'modem', id: 'sms-modem', label: t('msg.ch.modem'), placeholder: '/dev/ttyUSB0' },
              { key: 'waNumberId', id: 'wa-number', label: t('msg.ch.waNumber'), inputMode: 'numeric' },
              secretSpec('waToken', 'wa-token', t('msg.ch.waToken'), s.whatsapp?.accessTokenSet),
            ]}
            values={f}
            onChange={(key, value) => set({ [key]: value })}
          />
        </div>
        <p className="muted">{t('msg.ch.hint')}</p>
        <SaveAndTest
          save={t('msg.ch.save')}
          id="sms-test-to"
          label={t('msg.ch.testTo')}
          inputMode="tel"
          busy={test.isPending}
          onSend={(to) => test.mutate({ channel: 'sms', to })}
        />
      </fieldset>
    </form>
  );
}
