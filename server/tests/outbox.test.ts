// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../auth/mailer.ts';

describe('the development outbox', () => {
  it('prints each code with the whole address, so two invitees of one domain can be told apart', async () => {
    const lines: string[] = [];
    const outbox = createOutbox({ print: true, log: (line) => lines.push(line) });
    await outbox.sendCode('bo@example.com', '123456');
    await outbox.sendCode('ben@example.com', '654321');
    expect(lines).toEqual(['code for bo@example.com: 123456', 'code for ben@example.com: 654321']);
  });

  it('prints nothing when told not to (tests, and production, which uses SMTP)', async () => {
    const lines: string[] = [];
    const outbox = createOutbox({ print: false, log: (line) => lines.push(line) });
    await outbox.sendCode('bo@example.com', '123456');
    expect(lines).toEqual([]);
    expect(outbox.lastCodeFor('BO@example.com')).toBe('123456');
  });
});
