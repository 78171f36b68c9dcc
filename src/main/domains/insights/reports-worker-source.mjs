// Starts the reports thread from TypeScript source (tests, benchmarks via tsx); the build bundles reports-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./reports-worker.ts');
