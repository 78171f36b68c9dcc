// Child process of outbox-crash.test.ts: opens the shop and runs the outbox worker until it is killed.
import { writeSync } from 'node:fs';
import { createApp } from '../../../src/main/app';

const app = createApp({ dataDir: process.argv[2] as string, log: () => {} });
app.services.messaging.start({ readReplies: false });
writeSync(1, 'STARTED\n');
setInterval(() => {}, 1_000);
