import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../lib/domain/result.ts';

interface ProblemWords {
  problemText: (problem: Problem) => string;
  problemDetails: (problem: Problem) => string[];
}
let loaded: ProblemWords | undefined;

/**
 * A refusal in the page's language, read out as it appears. The words for
 * every problem load with the first one shown: most openings show none.
 */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  const [words, setWords] = useState<ProblemWords | undefined>(() => loaded);
  useEffect(() => {
    if (!problem || words) return;
    void import('../lib/ui/problem-text.ts').then((m) => {
      loaded = { problemText: m.problemText, problemDetails: m.problemDetails };
      setWords(() => loaded);
    });
  }, [problem, words]);
  if (!problem || !words) return null;
  const details = words.problemDetails(problem);
  return (
    <div class="problem" role="alert">
      <p>{words.problemText(problem)}</p>
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
