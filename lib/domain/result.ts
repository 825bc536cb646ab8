import type { ProblemCode } from './problems.ts';

/** A rule's verdict: a value, or a problem a person can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Longest message a refusal carries (the pages show their own translation; this is for logs). */
export const MAX_PROBLEM_MESSAGE_LENGTH = 2_000;

/** `code` is stable (pages translate it); `message` is plain English for logs and fallbacks. */
export interface Problem {
  code: ProblemCode;
  message: string;
  /** The form field the problem is about, when there is one. */
  field?: string;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ProblemCode, message: string, field?: string): Result<T> => ({
  ok: false,
  problem: field === undefined ? { code, message } : { code, message, field },
});

/** Several problems as one refusal: the first one's code and field, every message. */
export function failAll<T = never>(problems: readonly Problem[]): Result<T> {
  const [first] = problems;
  return fail(first?.code ?? 'bad-input', problems.map((p) => p.message).join(' '), first?.field);
}
