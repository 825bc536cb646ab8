import type { Context } from 'hono';
import type { WireProblem } from './answers.ts';

/** The body as JSON; an empty body is `{}` (commands without input). */
export async function readJson(
  c: Context,
): Promise<{ ok: true; value: unknown } | { ok: false; problem: WireProblem }> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: { code: 'bad-input', message: 'The request body is not JSON.' } };
  }
}
