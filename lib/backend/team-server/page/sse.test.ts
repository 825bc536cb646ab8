import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse.ts';

const STREAM =
  ': hello\n\nevent: org-changed\ndata: {"version":1}\n\ndata: a\ndata: b\n\nid: 3\nretry: 10\nevent: org-changed\ndata:{"version":2}\n\n';
const EXPECTED = [
  { event: 'org-changed', data: '{"version":1}' },
  { event: 'message', data: 'a\nb' },
  { event: 'org-changed', data: '{"version":2}' },
];

describe('the SSE parser', () => {
  it('reads events, skipping comments, id and retry', () => {
    expect(createSseParser()(STREAM)).toEqual(EXPECTED);
  });

  it('gives the same events whatever the chunks', () => {
    for (let size = 1; size <= 7; size++) {
      const parse = createSseParser();
      const events = [];
      for (let i = 0; i < STREAM.length; i += size) events.push(...parse(STREAM.slice(i, i + size)));
      expect(events, `chunks of ${size}`).toEqual(EXPECTED);
    }
  });

  it('accepts CRLF and CR line ends, even split between chunks', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    const parse = createSseParser();
    const events = [];
    for (let i = 0; i < crlf.length; i += 3) events.push(...parse(crlf.slice(i, i + 3)));
    expect(events).toEqual(EXPECTED);
    expect(createSseParser()(STREAM.replace(/\n/g, '\r'))).toEqual(EXPECTED);
  });

  it('hands a well-formed retry field to onRetry, and ignores one that is not a number', () => {
    const retries: number[] = [];
    const parse = createSseParser({ onRetry: (ms) => retries.push(ms) });
    expect(parse('retry: 2000\nevent: reconnect\ndata: {}\n\nretry: soon\n\nretry: -5\n\n')).toEqual([
      { event: 'reconnect', data: '{}' },
    ]);
    expect(retries).toEqual([2000]);
  });

  it('keeps an unfinished event for the next chunk', () => {
    const parse = createSseParser();
    expect(parse('event: org-changed\ndata: {"version":')).toEqual([]);
    expect(parse('9}\n\n')).toEqual([{ event: 'org-changed', data: '{"version":9}' }]);
  });
});
