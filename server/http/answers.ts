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
export const INTERNAL: WireProblem = { code: 'internal', message: 'The team server failed to answer: nothing was changed. Try again, or tell your admin.' };

/** HTTP status for a refusal: the code decides, so the client can rely on either. */
export function statusOf(code: string): ContentfulStatusCode {
  switch (code) {
    case 'bad-input':
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
    case 'server-unavailable':
      return 503;
    case 'internal':
      return 500;
    default:
      return 409;
  }
}

export const refuse = (c: Context, problem: WireProblem) => c.json({ ok: false, error: problem }, statusOf(problem.code));

/** Errors that mean the database could not be reached (refused, dropped, shutting down), not a bug. */
export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300'].includes(e.code ?? '')) return true;
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(e.message ?? '');
}
