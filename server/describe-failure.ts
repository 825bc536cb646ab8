import { inspect } from 'node:util';

/**
 * Why a start failed, in words: an Error's message and its causes, or
 * whatever else was thrown, shown as it is. Never "undefined" and never empty,
 * so a supervisor's log always says what to fix.
 */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        `${current.message || current.name}${typeof code === 'string' && !current.message.includes(code) ? ` (${code})` : ''}`,
      );
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : inspect(current, { depth: 2, breakLength: Infinity }));
      current = undefined;
    }
  }
  const text = parts.filter((p) => p.trim() !== '').join(': caused by ');
  return text || 'an error with no message (see the lines above)';
}
