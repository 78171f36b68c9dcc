import {
  MESSAGE_LANGUAGES,
  type MessageLanguage,
  TEMPLATE_KEYS,
  type Template,
  type TemplateKey,
} from '../../../shared/contract/messaging';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { checkPlaceholders, DEFAULT_TEMPLATES, MARKETING } from './templates';

/**
 * The wording of each message per language (message_templates): the shop's own where it saved one, else the
 * built-in one; saving and going back to the built-in wording are audited with the wording before and after.
 */
export class TemplateWordings {
  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  /** every template in every language: the shop's own wording where it saved one, else the built-in one */
  list(): Template[] {
    const custom = new Map(
      (
        stmt(this.deps.sqlite, 'SELECT key, language, subject, body FROM message_templates').all() as Array<{
          key: TemplateKey;
          language: MessageLanguage;
          subject: string;
          body: string;
        }>
      ).map((r) => [`${r.key}:${r.language}`, r]),
    );
    return TEMPLATE_KEYS.flatMap((key) =>
      MESSAGE_LANGUAGES.map((language) => {
        const own = custom.get(`${key}:${language}`);
        const w = own ?? DEFAULT_TEMPLATES[key][language];
        return { key, language, subject: w.subject, body: w.body, marketing: MARKETING[key], custom: !!own };
      }),
    );
  }

  /** the wording of one template in one language */
  wording(key: TemplateKey, language: MessageLanguage): { subject: string; body: string } {
    const own = stmt(
      this.deps.sqlite,
      'SELECT subject, body FROM message_templates WHERE key = ? AND language = ?',
    ).get(key, language) as { subject: string; body: string } | undefined;
    return own ?? DEFAULT_TEMPLATES[key][language];
  }

  /** the shop's own wording, refused when it names a word Counterline cannot fill; audited */
  save(actor: Actor, t: { key: TemplateKey; language: MessageLanguage; subject: string; body: string }): Template {
    checkPlaceholders(t.subject);
    checkPlaceholders(t.body);
    return this.deps.sqlite.transaction(() => {
      const before = this.wording(t.key, t.language);
      stmt(
        this.deps.sqlite,
        `INSERT INTO message_templates (key, language, subject, body, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key, language) DO UPDATE SET subject = excluded.subject, body = excluded.body,
           updated_at = excluded.updated_at`,
      ).run(t.key, t.language, t.subject, t.body, this.deps.clock.now());
      this.audit.record(actor, {
        action: 'template.save',
        entity: 'message_template',
        entityId: `${t.key}:${t.language}`,
        before,
        after: { subject: t.subject, body: t.body },
      });
      return { ...t, marketing: MARKETING[t.key], custom: true };
    })();
  }

  /** The built-in wording back in place of the shop's own, audited; nothing happens when there is none of its own. */
  reset(actor: Actor, t: { key: TemplateKey; language: MessageLanguage }): Template {
    return this.deps.sqlite.transaction(() => {
      const own = stmt(
        this.deps.sqlite,
        'SELECT subject, body FROM message_templates WHERE key = ? AND language = ?',
      ).get(t.key, t.language) as { subject: string; body: string } | undefined;
      const builtIn = DEFAULT_TEMPLATES[t.key][t.language];
      if (own) {
        stmt(this.deps.sqlite, 'DELETE FROM message_templates WHERE key = ? AND language = ?').run(t.key, t.language);
        this.audit.record(actor, {
          action: 'template.reset',
          entity: 'message_template',
          entityId: `${t.key}:${t.language}`,
          before: own,
          after: builtIn,
        });
      }
      return { ...t, ...builtIn, marketing: MARKETING[t.key], custom: false };
    })();
  }
}
