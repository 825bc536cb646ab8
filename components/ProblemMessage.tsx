import type { Problem } from '../lib/domain/result.ts';
import { t, uiLocale } from '../lib/ui/i18n.ts';

/**
 * A refusal, read out as it appears. The worker's English sentence is the
 * most precise (it names the email, the host…); other languages get the
 * translation for the problem's code when there is one.
 */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  if (!problem) return null;
  const key = `problem_${problem.code.replace(/[^A-Za-z0-9]/g, '_')}`;
  const translated = uiLocale().startsWith('en') ? undefined : t(key);
  return (
    <p class="problem" role="alert">
      {translated && translated !== key ? translated : problem.message}
    </p>
  );
}
