// Starts the import worker from TypeScript source (tests, `npm start` via tsx); the build bundles worker.ts instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
