// `npm run bench`: every benchmark, medians against the issues' targets. Run on a quiet machine.

import { benchCustomerHistory } from './customer-history';
import { benchCustomerSearch } from './customers';
import { benchCustomerExport } from './customers-export';
import { benchCustomerImport } from './customers-import';
import { benchPricing } from './pricing';
import { benchPrint } from './print';
import { benchCreditSale } from './sales';
import { benchStartup } from './startup';
import { report } from './stats';

const results = [
  await benchStartup(),
  ...(await benchCustomerSearch()),
  benchCustomerImport(),
  ...(await benchCustomerExport()),
  ...benchCreditSale(),
  ...benchCustomerHistory(),
  ...(await benchPrint()),
  ...benchPricing(),
];
for (const r of results) console.log(report(r));
