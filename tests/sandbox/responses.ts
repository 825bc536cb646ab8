import type { ServerResponse } from 'node:http';
import type { FaultCode } from './faults.ts';

/** Writing responses the way Marketo does: REST envelope, User Management style, identity errors. */

/** Marketo's own wording for each code (from its error-code reference). */
export const MARKETO_MESSAGES: Readonly<Record<string, string>> = {
  '601': 'Access token invalid',
  '602': 'Access token expired',
  '603': 'Access denied',
  '604': 'Request time-out',
  '605': 'HTTP Method not supported',
  '606': "Max rate limit '100' exceeded with in '20' secs",
  '607': 'Daily quota reached',
  '608': 'API Temporarily Unavailable',
  '610': 'Requested resource not found',
  '611': 'System error',
  '614': 'Invalid Subscription',
  '615': 'Concurrent access limit reached',
  '1003': 'Invalid data',
  '1008': "Access denied to partition 'Default'",
};

// User Management answers errors with a non-200 status; these are plausible ones.
const USER_MANAGEMENT_STATUS: Readonly<Record<string, number>> = {
  '601': 401,
  '602': 401,
  '603': 403,
  '604': 504,
  '606': 429,
  '607': 429,
  '608': 503,
  '610': 404,
  '611': 500,
  '614': 404,
  '615': 429,
  '1003': 400,
  '1008': 403,
};

let requestCounter = 0;

/** Marketo request ids look like `e42b#14272d07d78`. */
export function nextRequestId(now: number): string {
  requestCounter = (requestCounter + 1) % 0x10000;
  return `${requestCounter.toString(16).padStart(4, '0')}#${now.toString(16)}`;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': `${contentType};charset=UTF-8`,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export type ApiStyle = 'rest' | 'user-management';

export interface ApiError {
  status: number;
  body: unknown;
}

/** An error as the API of `style` reports it: REST in an HTTP 200 envelope, User Management by status. */
export function apiError(
  style: ApiStyle,
  code: string,
  requestId: string,
  message = MARKETO_MESSAGES[code] ?? 'Error',
): ApiError {
  const errors = [{ code, message }];
  if (style === 'rest') return { status: 200, body: { requestId, success: false, errors } };
  return { status: USER_MANAGEMENT_STATUS[code] ?? 400, body: { requestId, errors } };
}

export const restSuccess = (requestId: string, result: unknown[]): unknown => ({ requestId, success: true, result });

/** A response decided before it is sent (it may be held back first). */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  if (reply.text !== undefined) sendText(res, reply.status, reply.text, reply.contentType, reply.headers);
  else sendJson(res, reply.status, reply.json, reply.headers);
}

/** Broken answers the way proxies and half-working servers give them. */
export function brokenReply(code: FaultCode, style: ApiStyle | 'identity', requestId: string): Reply | undefined {
  switch (code) {
    case '500':
    case '502':
    case '503':
      return {
        status: Number(code),
        text: `<html><body><h1>${code} Server Error</h1></body></html>`,
        contentType: 'text/html',
      };
    case '429':
      return { status: 429, text: 'Too Many Requests', headers: { 'Retry-After': '1' } };
    case 'bad-json':
      return { status: 200, text: '{"requestId": "0#0", "success": tr', contentType: 'application/json' };
    case 'bad-shape':
      return {
        status: 200,
        json: style === 'rest' ? { requestId, success: true, result: 'not a list' } : { items: 'not a list' },
      };
    default:
      return undefined;
  }
}
