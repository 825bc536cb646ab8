import type { IncomingMessage, ServerResponse } from 'node:http';

// Real Marketo answers no CORS: a browser extension reaches it through a host
// permission. The sandbox also lets extension pages and workers in without
// one (convenient on 127.0.0.1), and nobody else: never web pages.
const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[A-Za-z0-9-]+$/;

export function allowExtensionOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (typeof origin === 'string' && EXTENSION_ORIGIN.test(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  allowExtensionOrigin(req, res);
  res.setHeader('Access-Control-Allow-Methods', 'GET');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Accept');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.headers['access-control-request-private-network'] === 'true')
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  res.writeHead(204);
  res.end();
}
