// `npm run bench`: every benchmark, medians against the issues' targets. Run on a quiet machine.
import { report } from './stats';
import { benchStartup } from './startup';

const results = [await benchStartup()];
for (const r of results) console.log(report(r));
