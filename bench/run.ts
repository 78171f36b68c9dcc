// `npm run bench`: every benchmark, medians against the issues' targets. Run on a quiet machine.

import { benchStartup } from './startup';
import { report } from './stats';

const results = [await benchStartup()];
for (const r of results) console.log(report(r));
