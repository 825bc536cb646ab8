/** One Server-Sent Event: its type ('message' when unnamed) and data lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental parser of the text/event-stream format (WHATWG HTML, "Server-
 * sent events"): feed it text as it arrives, in any chunks, and it answers the
 * events completed so far. Comments (heartbeats) and `id` are skipped; a
 * `retry` field (the server's reconnection time, in ms) goes to `onRetry`.
 */
export function createSseParser(options: { onRetry?: (ms: number) => void } = {}) {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  // A chunk may end between \r and \n: that \n must not count as a second line end.
  let afterCr = false;

  const line = (text: string, out: SseEvent[]) => {
    if (text === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d{1,9}$/.test(value)) options.onRetry?.(Number(value));
  };

  return (chunk: string): SseEvent[] => {
    const out: SseEvent[] = [];
    let text = chunk;
    if (afterCr && text.startsWith('\n')) text = text.slice(1);
    afterCr = false;
    buffer += text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      line(buffer.slice(start, i), out);
      if (c === '\r') {
        if (i + 1 === buffer.length) afterCr = true;
        else if (buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    buffer = buffer.slice(start);
    // A line with no end in sight is bounded: a server that never ends a line cannot fill the memory.
    if (buffer.length > 64 * 1024) buffer = '';
    return out;
  };
}
