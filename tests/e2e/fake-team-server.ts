import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeServer, type FakeServer } from '../doubles/team-server-api.ts';

/**
 * The unit tests' fake of the team server's HTTP API, on a loopback port, for
 * the extension's pages to reach over real HTTP (the real server is built
 * beside this work). It answers CORS for the extension's origin and exposes
 * the set-auth-token header, as the real server must.
 */
export async function startFakeTeamServer(
  extensionOrigin: string,
): Promise<{ url: string; fake: FakeServer; close: () => Promise<void> }> {
  // Made once the port is known; requests only come after that.
  const late: { fake?: FakeServer } = {};
  const cors = {
    'Access-Control-Allow-Origin': extensionOrigin,
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
    'Access-Control-Allow-Methods': 'GET, POST',
    'Access-Control-Expose-Headers': 'set-auth-token',
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, cors).end();
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const body = Buffer.concat(chunks).toString('utf8');
      void late
        .fake!.fetch(`${url}${request.url}`, { method: request.method ?? 'GET', headers, body })
        .then(async (answer) => {
          response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), ...cors });
          response.end(await answer.text());
        });
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake = (late.fake = createFakeServer(url));
  return {
    url,
    fake,
    // An open page keeps its change stream (and keep-alive sockets) open: close() alone waits for them to end.
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
