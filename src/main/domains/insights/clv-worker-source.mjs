// Starts the CLV worker from TypeScript source (tests, benchmarks via tsx); the build bundles clv-worker.ts instead.
import { register } from 'tsx/esm/api';

register();
await import('./clv-worker.ts');
