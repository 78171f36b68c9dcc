import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { INTERRUPTED } from '../../src/main/domains/messaging/outbox';
import { startMailServer } from '../mail-server';

const CHILD = join(__dirname, 'crash', 'outbox.ts');
const ACTOR = { id: null, name: 'crash test' };

describe('the outbox under a real crash', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-outbox-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a till killed (SIGKILL) after the mail server took the message, before it could record it, never sends it again', async () => {
    let child: ChildProcess | null = null;
    // the mail server has the whole message: the process is killed before the server's "250 OK" reaches it
    const mail = await startMailServer({ beforeAccept: () => child?.kill('SIGKILL') });
    try {
      const setup = createApp({ dataDir: dir, log: () => {} });
      setup.services.system.createDemoShop();
      const c = setup.services.customers.create(ACTOR, {
        type: 'individual',
        firstName: 'Ruth',
        lastName: 'Akello',
        email: 'ruth@example.test',
        consentEmail: true,
      } as never);
      setup.services.messaging.updateSettings(ACTOR, {
        email: {
          host: '127.0.0.1',
          port: mail.port,
          security: 'none',
          user: null,
          from: 'shop@counterline.test',
          allowSelfSigned: false,
        },
      });
      const queued = setup.services.messaging.send(ACTOR, {
        customerId: c.customer.id,
        template: 'payment_reminder',
        channel: 'email',
        idempotencyKey: 'crash-reminder-1',
      });
      setup.close();

      const exit = await new Promise<NodeJS.Signals | null>((resolve) => {
        child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.on('exit', (_code, signal) => resolve(signal));
      });
      expect(exit).toBe('SIGKILL');
      expect(mail.received).toHaveLength(1);

      // the next start finds the hand-over cut off: it is set aside for a person, not sent again
      for (let round = 0; round < 2; round++) {
        const app = createApp({ dataDir: dir, log: () => {} });
        app.services.messaging.start({ readReplies: false });
        await new Promise((r) => setTimeout(r, 800));
        expect(app.services.messaging.message(queued.id)).toMatchObject({ status: 'failed', lastError: INTERRUPTED });
        app.close();
      }
      expect(mail.received).toHaveLength(1);
    } finally {
      await mail.close();
    }
  });
});
