import { InsightsSettings } from '../../../shared/contract/insights';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { DEFAULT_RFM_THRESHOLDS } from './rfm';

const KEY = 'insights';

export const DEFAULT_INSIGHTS_SETTINGS: InsightsSettings = { rfmThresholds: DEFAULT_RFM_THRESHOLDS };

/** The owner's RFM thresholds (used under 500 active customers), one row of the settings table. */
export class InsightsSettingsService {
  private cache: InsightsSettings | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  get(): InsightsSettings {
    if (this.cache) return this.cache;
    const row = stmt(this.deps.sqlite, 'SELECT value FROM settings WHERE key = ?').get(KEY) as
      | { value: string }
      | undefined;
    this.cache = row
      ? InsightsSettings.parse({ ...DEFAULT_INSIGHTS_SETTINGS, ...JSON.parse(row.value) })
      : DEFAULT_INSIGHTS_SETTINGS;
    return this.cache;
  }

  update(actor: Actor, patch: Partial<InsightsSettings>): InsightsSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = InsightsSettings.parse({ ...before, ...patch });
      stmt(
        this.deps.sqlite,
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(KEY, JSON.stringify(next), this.deps.clock.now());
      this.audit.record(actor, { action: 'settings.insights', entity: 'settings', entityId: KEY, before, after: next });
      this.cache = null;
      return next;
    })();
  }
}
