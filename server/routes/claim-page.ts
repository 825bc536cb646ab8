import { Hono } from 'hono';
import { CLAIM_PAGE, CLAIM_SCRIPT } from '../claim/claim-page.ts';

const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** GET /claim and /claim.js: the first admin's form (the only page this server serves). */
export function claimPageRoutes() {
  return new Hono()
    .get('/claim', (c) => c.html(CLAIM_PAGE, 200, HEADERS))
    .get('/claim.js', (c) =>
      c.body(CLAIM_SCRIPT, 200, { ...HEADERS, 'content-type': 'text/javascript; charset=utf-8' }),
    );
}
