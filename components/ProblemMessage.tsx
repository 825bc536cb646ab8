import type { Problem } from '../lib/domain/result.ts';

/** A refusal, read out by screen readers as it appears. */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  if (!problem) return null;
  return (
    <p class="problem" role="alert">
      {problem.message}
    </p>
  );
}
