import type { DestinationStream } from 'pino';

export interface MemoryLog extends DestinationStream {
  lines: string[];
  /** Every line parsed: each must be one JSON object. */
  records(): Record<string, unknown>[];
}

/** Test only: a destination for the server's logger that keeps its lines. */
export function memoryLog(): MemoryLog {
  const lines: string[] = [];
  return {
    lines,
    write: (line: string) => void lines.push(line),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
