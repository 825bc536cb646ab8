import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { callCommand } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

/** Reads an SSE stream with fetch, as the extension does; collects versions and comments. */
async function openStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/changes`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const versions: number[] = [];
  let comments = 0;
  let waiters: (() => void)[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) comments++;
          const data = block.split('\n').find((l) => l.startsWith('data:'));
          if (block.includes('event: org-changed') && data) versions.push(JSON.parse(data.slice(5)).version);
          waiters.forEach((w) => w());
          waiters = [];
        }
      }
    } catch {
      // aborted
    }
  })();
  const until = async (check: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`stream: gave up waiting; versions ${JSON.stringify(versions)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { response, versions, comments: () => comments, until, close: () => controller.abort() };
}

let a: ContractBackend;
let b: TestServer;
beforeAll(async () => {
  a = await startContractBackend({ heartbeatSeconds: 1 });
  // A second server process's parts on the same database (and the same SECRET_KEY, as every process of one deployment): its own pool, its own LISTEN connection.
  b = await startTestServer({ databaseUrl: a.server.databaseUrl, vaultKey: a.server.vaultKey, heartbeatSeconds: 1 });
});
afterAll(async () => {
  await b.close();
  await a.close();
});

describe('GET /api/changes', () => {
  it('is refused without a bearer token', async () => {
    expect((await fetch(`${a.server.url}/api/changes`)).status).toBe(401);
  });

  it('sends the current version, then each committed change, and heartbeats', async () => {
    const token = await a.server.signIn('admin@example.com');
    const stream = await openStream(a.server.url, token);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    await stream.until(() => stream.versions.length === 1);
    const start = stream.versions[0]!;
    await callCommand(a.server.url, 'inviteMember', { name: 'Kim', email: 'kim@example.com' }, { token });
    await stream.until(() => stream.versions.includes(start + 1));
    // A refusal commits nothing, so it announces nothing.
    await callCommand(a.server.url, 'removeMember', { memberId: 'admin' }, { token });
    await stream.until(() => stream.comments() >= 1, 3_000);
    expect(stream.versions).toEqual([start, start + 1]);
    stream.close();
  });

  it("a change through server A is seen on server B's stream", async () => {
    const token = await a.server.signIn('owner@example.com');
    const onB = await openStream(b.url, token);
    await onB.until(() => onB.versions.length === 1);
    const start = onB.versions[0]!;
    await callCommand(a.server.url, 'inviteMember', { name: 'Lou', email: 'lou@example.com' }, { token });
    await onB.until(() => onB.versions.includes(start + 1));
    onB.close();
  });
});
