import { InsightsSettings } from '../../../shared/contract/insights';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingOver, writeSettingRow } from '../settings/rows';
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
    this.cache = readSettingOver(this.deps.sqlite, KEY, DEFAULT_INSIGHTS_SETTINGS, InsightsSettings);
    return this.cache;
  }

  update(actor: Actor, patch: Partial<InsightsSettings>): InsightsSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = InsightsSettings.parse({ ...before, ...patch });
      writeSettingRow(this.deps.sqlite, KEY, next, this.deps.clock.now());
      this.audit.record(actor, { action: 'settings.insights', entity: 'settings', entityId: KEY, before, after: next });
      this.cache = null;
      return next;
    })();
  }
}
