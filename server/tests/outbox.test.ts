// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../auth/mailer.ts';

describe('the development outbox', () => {
  it('prints each code with the whole address, so two invitees of one domain can be told apart', async () => {
    const lines: string[] = [];
    const outbox = createOutbox({ print: (line) => lines.push(line) });
    await outbox.sendCode('bo@example.com', '123456');
    await outbox.sendCode('ben@example.com', '654321');
    expect(lines).toEqual(['code for bo@example.com: 123456', 'code for ben@example.com: 654321']);
  });

  it('prints nothing without a printer (tests; production has no outbox, it uses SMTP)', async () => {
    const log = vi.spyOn(console, 'log');
    const write = vi.spyOn(process.stdout, 'write');
    const outbox = createOutbox();
    await outbox.sendCode('bo@example.com', '123456');
    const printed = [...log.mock.calls, ...write.mock.calls].flat().map(String);
    log.mockRestore();
    write.mockRestore();
    expect(printed.filter((line) => line.includes('123456'))).toEqual([]);
    expect(outbox.lastCodeFor('BO@example.com')).toBe('123456');
  });
});
