import type { Posting } from '../flow';
import type { PricingService } from './service';

/** Each offer a sale used is counted for the customer, so an offer's per-customer limit holds. */
export function offerUsesPosting(pricing: PricingService): Posting {
  return {
    name: 'offer uses',
    sale: (s) =>
      pricing.recordUses(s.id, s.customer?.id ?? null, [
        ...s.priced.lines.map((l) => l.priceRuleId),
        ...s.priced.offerRuleIds,
      ]),
  };
}
