import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../auth/mailer.ts';

// A minimal SMTP server on loopback: enough of the dialogue for nodemailer to deliver one message.
let server: Server;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    let inData = false;
    let message = '';
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(message);
            socket.write('250 queued\r\n');
          } else message += line + '\n';
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the production mailer', () => {
  it('sends the code by SMTP from SMTP_URL', async () => {
    const { port } = server.address() as AddressInfo;
    await smtpMailer(`smtp://127.0.0.1:${port}`, 'Marketo Access <no-reply@example.com>').sendCode(
      'ann@example.com',
      '123456',
    );
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('To: ann@example.com');
    expect(received[0]).toContain('123456');
    expect(received[0]).toContain('expires in 5 minutes');
  });
});
