import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../lib/domain/result.ts';

type ProblemText = (problem: Problem) => string;
let loaded: ProblemText | undefined;

/**
 * A refusal in the page's language, read out as it appears. The words for
 * every problem load with the first one shown: most openings show none.
 */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  const [problemText, setProblemText] = useState<ProblemText | undefined>(() => loaded);
  useEffect(() => {
    if (!problem || problemText) return;
    void import('../lib/ui/problem-text.ts').then((m) => {
      loaded = m.problemText;
      setProblemText(() => m.problemText);
    });
  }, [problem, problemText]);
  if (!problem || !problemText) return null;
  return (
    <p class="problem" role="alert">
      {problemText(problem)}
    </p>
  );
}
