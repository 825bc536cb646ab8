import nodemailer from 'nodemailer';

export interface Mailer {
  sendCode(email: string, code: string): Promise<void>;
}

export interface OutboxMessage {
  to: string;
  code: string;
  at: number;
}

/**
 * Development and tests: codes are kept in memory for tests to read and, only
 * outside production, printed to the console by `print` (that is the point of
 * an outbox on a developer's machine), on a line of its own, never through the
 * log. Production has no outbox: it sends codes by SMTP.
 */
export function createOutbox(options: { print?: (line: string) => void } = {}) {
  const messages: OutboxMessage[] = [];
  const mailer: Mailer & { messages: OutboxMessage[]; lastCodeFor(email: string): string | undefined } = {
    messages,
    sendCode: async (to, code) => {
      messages.push({ to, code, at: Date.now() });
      // The whole address: on a developer's machine two invitees (bo@ and ben@) must be told apart; production never prints.
      options.print?.(`code for ${to}: ${code}`);
    },
    lastCodeFor: (email) => messages.findLast((m) => m.to === email.toLowerCase())?.code,
  };
  return mailer;
}

/** Production: SMTP from SMTP_URL (smtp[s]://user:pass@host:port). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    sendCode: async (to, code) => {
      await transport.sendMail({
        from,
        to,
        subject: `Your Marketo Access sign-in code: ${code}`,
        text: `Your sign-in code for Marketo Access is ${code}. It expires in 5 minutes. If you did not ask for it, ignore this email.`,
      });
    },
  };
}
