import type { Problem } from '../lib/domain/result.ts';
import { problemDetails, problemText } from '../lib/ui/problem-text.ts';

/** A refusal in the page's language, read out as it appears. */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  if (!problem) return null;
  const details = problemDetails(problem);
  return (
    <div class="problem" role="alert">
      <p>{problemText(problem)}</p>
      {details.length > 0 && (
        <ol class="problem-causes">
          {details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
