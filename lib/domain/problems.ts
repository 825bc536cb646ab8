/** Marketo's own response-level codes that the Marketo client (lib/marketo) treats specially. */
export type MarketoApiCode = '601' | '602' | '603' | '604' | '606' | '607' | '608' | '611' | '614' | '615' | '1008';

export type MarketoErrorCode =
  | MarketoApiCode
  /** Any other Marketo code (609, 610, 7xx …), kept as Marketo sent it. */
  | `${number}`
  /** The identity endpoint refused the Client ID / Client Secret. */
  | 'bad-credentials'
  /** The connection settings cannot work (bad URL, wrong scheme, …): fix them, do not retry. */
  | 'bad-config'
  | 'network'
  | 'timeout'
  | 'http-5xx'
  | 'http-429'
  /** Any other unexpected HTTP status (404 on a wrong REST URL, 413, 414, …). */
  | 'http-status'
  /** The body was not JSON or not the shape Marketo documents. */
  | 'bad-response';

/**
 * Every refusal a person can meet, by its stable code. Pages translate by this
 * union (lib/ui/problem-text.ts is a Record over it), so a misspelled or
 * untranslated code is a type error, not English in a French page.
 */
export type KnownProblemCode =
  // Names, emails, roles and teams.
  | 'name-missing'
  | 'name-too-long'
  | 'name-invisible-characters'
  | 'name-mixed-scripts'
  | 'email-missing'
  | 'email-too-long'
  | 'email-has-space'
  | 'email-at-sign'
  | 'email-shape'
  | 'email-not-ascii'
  | 'email-duplicate'
  | 'seats-full'
  | 'teams-full'
  | 'teams-shape'
  | 'team-name-too-long'
  | 'role-unknown'
  | 'member-unknown'
  | 'demote-self'
  | 'demote-owner'
  | 'remove-self'
  | 'remove-owner'
  | 'remove-own-access'
  // Who may run a command.
  | 'not-signed-in'
  | 'not-admin'
  | 'not-owner'
  | 'not-invited'
  | 'sign-in-elsewhere'
  // The org connection.
  | 'munchkin-missing'
  | 'munchkin-shape'
  | 'clientId-missing'
  | 'clientId-has-space'
  | 'clientId-too-long'
  | 'clientSecret-missing'
  | 'clientSecret-has-space'
  | 'clientSecret-too-long'
  | 'restBaseUrl-invalid'
  | 'restBaseUrl-insecure'
  | 'restBaseUrl-not-marketo'
  | 'identityBaseUrl-invalid'
  | 'identityBaseUrl-insecure'
  | 'identityBaseUrl-not-marketo'
  | 'host-permission'
  | 'connect-has-grant'
  | 'connect-not-handover'
  | 'org-not-connected'
  // Marketo's answers (lib/marketo/errors.ts): its own codes this client knows, and the client's.
  | MarketoApiCode
  | Exclude<MarketoErrorCode, `${number}`>
  // The channel between a page and whoever holds the org.
  | 'bad-message'
  | 'bad-input'
  | 'unknown-command'
  | 'forbidden-sender'
  | 'no-answer'
  | 'row-unreported'
  | 'job-pending'
  | 'server-unreachable'
  | 'server-error'
  // The team server (lib/backend/team-server, lib/backend/server-url.ts).
  | 'server-unavailable'
  | 'too-large'
  | 'server-url-invalid'
  | 'server-url-insecure'
  | 'code-invalid'
  | 'passkey-cancelled'
  | 'passkey-failed'
  | 'session-not-fresh'
  | 'claim-invalid'
  | 'server-permission'
  // GET /api/activity's query (an export tool's mistakes; the words say what to send).
  | 'activity-time-invalid'
  | 'activity-kind-unknown'
  | 'activity-cursor-invalid'
  // A browser's host-permission prompt the person stopped waiting for (no answer came).
  | 'host-permission-no-answer'
  | 'internal';

/** Marketo codes this client has no words for (609, 7xx …) keep Marketo's number. */
export type ProblemCode = KnownProblemCode | `${number}`;
