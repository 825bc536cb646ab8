import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** `LOG_LEVEL`; default `info`. */
  level?: Level | 'silent';
  /** Where JSON lines go: stdout by default; tests pass a memory stream. */
  destination?: DestinationStream;
}

/**
 * The server's one logger: a JSON object per line (pino), with the level as a
 * word and an ISO time. Nothing secret is ever given to it (no headers, no
 * bodies, no URLs with tokens); the redaction below is a second fence for the
 * names a secret would have if someone passed an object carelessly.
 */
export function createLogger({ level = 'info', destination }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers',
          '*.headers',
          'clientSecret',
          '*.clientSecret',
          'token',
          '*.token',
          'otp',
          '*.otp',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    // Synchronous: the last lines before process.exit (a failed start, the end of a drain) are not lost.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Only the kind of an error (its class and any database code): messages may quote data, and stacks help nobody outside. */
export function errorKind(error: unknown): { error: string; code?: string } {
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,12}$/.test(code) ? { error: kind, code } : { error: kind };
}
