import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface WireProblem {
  code: string;
  message: string;
  field?: string;
}

export const DATABASE_DOWN: WireProblem = {
  code: 'server-unavailable',
  message: 'The team server cannot reach its database: nothing was changed. Try again in a moment.',
};
export const INTERNAL: WireProblem = {
  code: 'internal',
  message: 'The team server failed to answer: nothing was changed. Try again, or tell your admin.',
};

/** HTTP status for a refusal: the code decides, so the client can rely on either. */
export function statusOf(code: string): ContentfulStatusCode {
  switch (code) {
    case 'bad-input':
    case 'activity-time-invalid':
    case 'activity-kind-unknown':
    case 'activity-cursor-invalid':
      return 400;
    case 'not-signed-in':
      return 401;
    case 'not-admin':
    case 'not-owner':
    case 'not-invited':
    case 'forbidden-origin':
      return 403;
    case 'unknown-command':
      return 404;
    case 'too-large':
      return 413;
    case 'too-many-requests':
      return 429;
    case 'server-unavailable':
    case 'shutting-down':
      return 503;
    case 'internal':
      return 500;
    default:
      return 409;
  }
}

export const refuse = (c: Context, problem: WireProblem) =>
  c.json({ ok: false, error: problem }, statusOf(problem.code));

/** Errors that mean the database could not be reached (refused, dropped, shutting down), not a bug. */
export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENOTFOUND',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
      '53300',
    ].includes(e.code ?? '')
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(e.message ?? '');
}

/**
 * An email is one member across the server (a signed-in email maps to one
 * org), which the org's own rules cannot see: inviting an email another org
 * has reaches the unique index, and the whole write is rolled back.
 */
export const EMAIL_TAKEN: WireProblem = {
  code: 'email-duplicate',
  message: 'That email already belongs to a member of another org on this team server: nothing was changed.',
  field: 'email',
};

export const isEmailTakenElsewhere = (error: unknown): boolean => {
  const e = error as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' && e.constraint === 'members_email_unique';
};
