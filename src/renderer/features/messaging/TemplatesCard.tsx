import { type KeyboardEvent, useState } from 'react';
import {
  MESSAGE_LANGUAGES,
  type MessageLanguage,
  PLACEHOLDERS,
  type Placeholder,
  type Template,
} from '../../../shared/contract/messaging';
import { LANGUAGE_NAMES, type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ConfirmDialog, EscButton, InlineError } from '../../ui/DialogParts';
import { Field, SearchField, TextField } from '../../ui/fields';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { Tabs } from '../../ui/Tabs';
import { messageOf, useToast } from '../../ui/toast';
import { useDebounced } from '../../ui/useDebounced';
import { FoundCustomers, useCustomerFinder } from '../customers/CustomerFinder';
import { insertWord, wordingProblems } from './wording';
import './templates.css';

const nameOf = (t: ReturnType<typeof useT>, key: Template['key']) => t(`msg.template.${key}` as MessageKey);

/**
 * The Messages screen's templates (managers and the owner, `messages.manage`): every message in one language at a
 * time, ↑ ↓ and Enter to open one; the editor says at once when a word cannot be filled, previews the wording with a
 * customer picked by search before it is saved, and goes back to the built-in wording after asking.
 */
export function TemplatesCard() {
  const t = useT();
  const { store } = useShell();
  const shopLanguage = (MESSAGE_LANGUAGES as readonly string[]).includes(store?.language ?? '')
    ? (store?.language as MessageLanguage)
    : 'en';
  const [language, setLanguage] = useState<MessageLanguage>(shopLanguage);
  const templates = useApiQuery('messaging', 'templates', null);
  const [editing, setEditing] = useState<Template | null>(null);
  const rows = templates.data?.filter((x) => x.language === language);

  const columns: Column<Template>[] = [
    {
      key: 'message',
      header: t('msg.tpl.col.message'),
      cell: (x) => (
        <>
          <strong>{nameOf(t, x.key)}</strong>
          {x.marketing && <div className="muted">{t('msg.tpl.marketing')}</div>}
        </>
      ),
    },
    { key: 'subject', header: t('msg.tpl.col.subject'), cell: (x) => x.subject },
    {
      key: 'wording',
      header: t('msg.tpl.col.wording'),
      cell: (x) => (
        <span className={`pill${x.custom ? ' pill-ok' : ''}`}>{t(x.custom ? 'msg.tpl.own' : 'msg.tpl.builtIn')}</span>
      ),
    },
    {
      key: 'edit',
      header: '',
      cell: (x) => (
        <button type="button" className="btn btn-sm" onClick={() => setEditing(x)}>
          {t('msg.tpl.edit')}
          <span className="sr-only"> {nameOf(t, x.key)}</span>
        </button>
      ),
    },
  ];

  return (
    <div className="card" data-testid="templates">
      <div className="section-head">
        <h2 id="h-templates">{t('msg.tpl.title')}</h2>
        <Tabs
          tabs={MESSAGE_LANGUAGES}
          value={language}
          onChange={setLanguage}
          label={t('msg.tpl.language')}
          labelOf={(l) => LANGUAGE_NAMES[l]}
        />
      </div>
      <p className="muted">{t('msg.tpl.intro')}</p>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(x) => `${x.key}:${x.language}`}
        labelledBy="h-templates"
        onRowActivate={setEditing}
        wrap
      />
      {editing && (
        <TemplateEditor
          key={`${editing.key}:${editing.language}`}
          template={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

type CustomerPick = { id: string; name: string };

function TemplateEditor({ template, onClose }: { template: Template; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [custom, setCustom] = useState(template.custom);
  const [lastField, setLastField] = useState<'tpl-subject' | 'tpl-body'>('tpl-body');
  const [confirmReset, setConfirmReset] = useState(false);
  const problems = wordingProblems(`${subject}\n${body}`);
  const canSave = problems.length === 0 && body.trim().length > 0;
  const language = LANGUAGE_NAMES[template.language];
  const title = t('msg.tpl.editTitle', { message: nameOf(t, template.key), language });

  const save = useApiMutation('messaging', 'saveTemplate', {
    onSuccess: (saved) => {
      setCustom(saved.custom);
      toast.success(t('msg.tpl.saved'));
    },
  });
  const reset = useApiMutation('messaging', 'resetTemplate', {
    onSuccess: (back) => {
      setSubject(back.subject);
      setBody(back.body);
      setCustom(false);
      setConfirmReset(false);
      toast.success(t('msg.tpl.resetDone'));
    },
  });
  const submit = () => {
    if (!canSave || save.isPending) return;
    save.mutate({ key: template.key, language: template.language, subject, body });
  };
  const ctrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  /** puts `{{word}}` where the cursor was in the subject or the message, and the cursor after it */
  const put = (word: Placeholder) => {
    const el = document.getElementById(lastField) as HTMLInputElement | HTMLTextAreaElement | null;
    const value = lastField === 'tpl-subject' ? subject : body;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? start;
    const next = insertWord(value, word, start, end);
    (lastField === 'tpl-subject' ? setSubject : setBody)(next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  return (
    <Dialog title={title} onClose={onClose} className="template-dialog" initialFocus="#tpl-body">
      <div className="template-editor">
        <form
          aria-label={title}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <TextField
            id="tpl-subject"
            label={t('msg.tpl.subject')}
            value={subject}
            onChange={setSubject}
            onFocus={() => setLastField('tpl-subject')}
            onKeyDown={ctrlEnter}
            maxLength={200}
          />
          <Field id="tpl-body" label={t('msg.tpl.body')}>
            <textarea
              id="tpl-body"
              rows={5}
              value={body}
              maxLength={2000}
              aria-describedby="tpl-problems"
              onFocus={() => setLastField('tpl-body')}
              onKeyDown={ctrlEnter}
              onChange={(e) => setBody(e.target.value)}
            />
          </Field>
          <div id="tpl-problems" aria-live="polite">
            {problems.map((p) => (
              <p key={p.kind === 'unknown' ? p.word : 'broken'} className="inline-alert" role="alert">
                {p.kind === 'unknown'
                  ? t('msg.tpl.unknown', { word: p.word })
                  : t('msg.tpl.broken', { example: '{{firstName}}' })}
              </p>
            ))}
            {!body.trim() && <p className="inline-alert">{t('msg.tpl.empty')}</p>}
          </div>
          <fieldset className="template-words">
            <legend>{t('msg.tpl.words')}</legend>
            {PLACEHOLDERS.map((w) => (
              <button key={w} type="button" className="btn btn-sm btn-ghost" onClick={() => put(w)}>
                <code>{`{{${w}}}`}</code> <span className="muted">{t(`msg.tpl.ph.${w}` as MessageKey)}</span>
              </button>
            ))}
          </fieldset>
          <div className="row-actions">
            <button type="submit" className="btn btn-primary" disabled={!canSave || save.isPending}>
              {t('msg.tpl.save')} <kbd>Ctrl+Enter</kbd>
            </button>
            {custom && (
              <button type="button" className="btn" onClick={() => setConfirmReset(true)}>
                {t('msg.tpl.reset')}
              </button>
            )}
            <EscButton label={t('msg.tpl.close')} onClick={onClose} />
          </div>
        </form>
        <TemplatePreview template={template} subject={subject} body={body} ready={canSave} />
      </div>
      {confirmReset && (
        <ConfirmDialog
          title={t('msg.tpl.resetTitle')}
          text={t('msg.tpl.resetText', { message: nameOf(t, template.key), language })}
          confirmLabel={t('msg.tpl.resetYes')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => reset.mutate({ key: template.key, language: template.language })}
          onClose={() => setConfirmReset(false)}
        />
      )}
    </Dialog>
  );
}

/** The wording as a customer picked by search would get it, filled by the main process, redone as it is typed. */
function TemplatePreview({
  template,
  subject,
  body,
  ready,
}: {
  template: Template;
  subject: string;
  body: string;
  ready: boolean;
}) {
  const t = useT();
  const [customer, setCustomer] = useState<CustomerPick | null>(null);
  const finder = useCustomerFinder(6);
  const draft = useDebounced(`${subject}\u0000${body}`, 250);
  const [s, b] = draft.split('\u0000') as [string, string];
  // the last wording shown stays until the new one comes; a failure is said inline, in place of the wording
  const preview = useApiQuery(
    'messaging',
    'preview',
    {
      customerId: customer?.id ?? '',
      template: template.key,
      language: template.language,
      draft: { subject: s, body: b },
    },
    { enabled: !!customer && ready, keepPrevious: true, quiet: true },
  );
  const live = !!customer && ready;
  const shown = live && !preview.isError ? (preview.data ?? null) : null;
  const error = live && preview.isError ? messageOf(preview.error) : null;

  const pick = (c: { id: string; displayName: string }) => {
    setCustomer({ id: c.id, name: c.displayName });
    finder.clear();
  };

  return (
    <section className="template-preview" aria-labelledby="tpl-preview-h">
      <h3 id="tpl-preview-h">{t('msg.tpl.previewWith')}</h3>
      <SearchField
        id="tpl-find"
        label={t('msg.tpl.find')}
        {...finder.field}
        onKeyDown={(e) => {
          // Enter takes the first customer found, as the till's customer search does
          const first = finder.found[0];
          if (e.key === 'Enter' && first) {
            e.preventDefault();
            pick(first);
          }
        }}
      />
      <FoundCustomers className="template-found" label={t('msg.tpl.found')} found={finder.found} onPick={pick} />
      {!customer && <p className="muted">{t('msg.tpl.pick')}</p>}
      {customer && (
        <div className="template-shown" data-testid="template-preview">
          <p className="muted">{t('msg.tpl.previewFor', { name: customer.name })}</p>
          <InlineError error={error} />
          {shown && (
            <>
              {shown.subject && (
                <p>
                  <strong>{t('msg.tpl.previewSubject')}:</strong> {shown.subject}
                </p>
              )}
              <p className="template-text">{shown.body}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
