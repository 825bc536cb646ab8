/** Marketo's own response-level codes that the Marketo client (lib/marketo) treats specially. */
export const MARKETO_API_CODES = [
  '601',
  '602',
  '603',
  '604',
  '606',
  '607',
  '608',
  '611',
  '614',
  '615',
  '1008',
] as const;
export type MarketoApiCode = (typeof MARKETO_API_CODES)[number];

/** The Marketo client's own codes for what went wrong around Marketo's answer. */
const MARKETO_CLIENT_CODES = [
  /** The identity endpoint refused the Client ID / Client Secret. */
  'bad-credentials',
  /** The connection settings cannot work (bad URL, wrong scheme, …): fix them, do not retry. */
  'bad-config',
  'network',
  'timeout',
  'http-5xx',
  'http-429',
  /** Any other unexpected HTTP status (404 on a wrong REST URL, 413, 414, …). */
  'http-status',
  /** The body was not JSON or not the shape Marketo documents. */
  'bad-response',
] as const;

export type MarketoErrorCode =
  | MarketoApiCode
  /** Any other Marketo code (609, 610, 7xx …), kept as Marketo sent it. */
  | `${number}`
  | (typeof MARKETO_CLIENT_CODES)[number];

/**
 * Every refusal a person can meet, by its stable code, listed once: the
 * union below is derived from this list, and the team server backend checks
 * a code it receives against it at run time. Pages translate by the union
 * (lib/ui/problem-text.ts is a Record over it), so a misspelled or
 * untranslated code is a type error, not English in a French page.
 */
export const KNOWN_PROBLEM_CODES = [
  // Names, emails, roles and teams.
  'name-missing',
  'name-too-long',
  'name-invisible-characters',
  'name-mixed-scripts',
  'email-missing',
  'email-too-long',
  'email-has-space',
  'email-at-sign',
  'email-shape',
  'email-not-ascii',
  'email-duplicate',
  'seats-full',
  'teams-full',
  'teams-shape',
  'team-name-too-long',
  'role-unknown',
  'member-unknown',
  'demote-self',
  'demote-owner',
  'remove-self',
  'remove-owner',
  'remove-own-access',
  // The company directory (SCIM) and its tokens.
  'not-directory',
  'directory-owner',
  'team-unknown',
  'team-duplicate',
  'token-name-missing',
  'token-name-too-long',
  'token-name-duplicate',
  'tokens-full',
  'token-unknown',
  // The org's name (the claim link on a team server).
  'org-name-missing',
  'org-name-too-long',
  // Who may run a command.
  'not-signed-in',
  'not-admin',
  'not-owner',
  'not-invited',
  'sign-in-elsewhere',
  // The org connection.
  'munchkin-missing',
  'munchkin-shape',
  'clientId-missing',
  'clientId-has-space',
  'clientId-too-long',
  'clientSecret-missing',
  'clientSecret-has-space',
  'clientSecret-too-long',
  'restBaseUrl-invalid',
  'restBaseUrl-insecure',
  'restBaseUrl-not-marketo',
  'identityBaseUrl-invalid',
  'identityBaseUrl-insecure',
  'identityBaseUrl-not-marketo',
  'host-permission',
  'connect-has-grant',
  'connect-not-handover',
  'org-not-connected',
  // Marketo's answers (lib/marketo/errors.ts): its own codes this client knows, and the client's.
  ...MARKETO_API_CODES,
  ...MARKETO_CLIENT_CODES,
  // The channel between a page and whoever holds the org.
  'bad-message',
  'bad-input',
  'unknown-command',
  'forbidden-sender',
  'no-answer',
  'row-unreported',
  'job-pending',
  'server-unreachable',
  'server-error',
  // The team server (server/, lib/backend/team-server, lib/backend/server-url.ts).
  'server-unavailable',
  /** A process draining on SIGTERM: another one answers a retry. */
  'shutting-down',
  /** Sign-in codes asked for one email past its limit. */
  'too-many-requests',
  /** A request from a web page's origin: only the extension's pages (and the server's own claim page) may call. */
  'forbidden-origin',
  'too-large',
  /** The team server answered something this extension does not know (a newer server, a proxy): nothing is trusted. */
  'server-answer-unexpected',
  'server-url-invalid',
  'server-url-insecure',
  'code-invalid',
  'passkey-cancelled',
  'passkey-failed',
  'session-not-fresh',
  'claim-invalid',
  'server-permission',
  // GET /api/activity's query (an export tool's mistakes; the words say what to send).
  'activity-time-invalid',
  'activity-kind-unknown',
  'activity-cursor-invalid',
  // A browser's host-permission prompt the person stopped waiting for (no answer came).
  'host-permission-no-answer',
  // Moving an org (its export file, imported into a team server).
  'import-file-invalid',
  'import-version-unknown',
  'import-has-secret',
  'import-no-admin',
  'import-member-unknown',
  /** An org moved without its Marketo client secret: the owner enters it again. */
  'secret-needed',
  // Single sign-on (the org's identity provider) and the login policy.
  'sso-name-invalid',
  'sso-issuer-invalid',
  'sso-domain-invalid',
  /** The issuer's discovery document could not be read, or is not an OpenID provider's. */
  'sso-discovery-failed',
  'sso-not-configured',
  'sso-owner-untested',
  'sso-policy-sso-only',
  /** A code or a passkey refused by the org's "company sign-in only" policy. */
  'sso-required',
  /** The provider's answer failed a check (issuer, audience, nonce, state, expiry, signature): nothing was created. */
  'sso-refused',
  'sso-email-unverified',
  'sso-domain-not-vouched',
  'sso-not-member',
  /** The sign-in was started too long ago, or its one-time result was used or is unknown. */
  'sso-expired',
  'sso-cancelled',
  'internal',
] as const;

export type KnownProblemCode = (typeof KNOWN_PROBLEM_CODES)[number];

/** Marketo codes this client has no words for (609, 7xx …) keep Marketo's number. */
export type ProblemCode = KnownProblemCode | `${number}`;

const KNOWN: ReadonlySet<string> = new Set(KNOWN_PROBLEM_CODES);

/** A Marketo code kept as Marketo sent it (`${number}` above). */
export const MARKETO_CODE = /^[0-9]{1,6}$/;

/** Whether a code received from outside (the team server's answer) is one of ours. */
export const isProblemCode = (code: string): code is ProblemCode => KNOWN.has(code) || MARKETO_CODE.test(code);
