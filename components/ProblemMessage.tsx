import type { Problem } from '../lib/domain/result.ts';
import { problemText } from '../lib/ui/problem-text.ts';

/** A refusal in the page's language, read out as it appears. */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  if (!problem) return null;
  return (
    <p class="problem" role="alert">
      {problemText(problem)}
    </p>
  );
}
