import type { KnownProblemCode } from '../domain/problems.ts';
import { MAX_DIRECTORY_TOKENS, MAX_TOKEN_NAME_LENGTH } from '../domain/directory.ts';
import { MAX_SEATS, MAX_TEAMS } from '../domain/member.ts';
import type { Problem } from '../domain/result.ts';
import { nextQuotaReset, rateLimitClears } from '../domain/marketo-limits.ts';
import { t, uiLocale } from './i18n.ts';

// The refusals a person meets in the pages, by their stable code, in the
// extension's language: always our translation, even in English, because the
// language chrome.i18n picked cannot be told reliably from getUILanguage()
// (headless Chromium with --lang=fr answers "en-US" yet serves French
// messages), and one page should not mix two languages. A Record over the
// union: a code without words here is a type error.
const TEXT: Record<KnownProblemCode, () => string> = {
  'name-missing': () => t('members_problemNameMissing'),
  'name-too-long': () => t('members_problemNameTooLong'),
  'name-invisible-characters': () => t('problem_nameInvisible'),
  'name-mixed-scripts': () => t('problem_nameMixedScripts'),
  'email-missing': () => t('members_problemEmailMissing'),
  'email-too-long': () => t('members_problemEmailTooLong'),
  'email-has-space': () => t('members_problemEmailHasSpace'),
  'email-at-sign': () => t('members_problemEmailAtSign'),
  'email-shape': () => t('members_problemEmailShape'),
  'email-not-ascii': () => t('problem_emailNotAscii'),
  'email-duplicate': () => t('members_problemEmailDuplicate'),
  'seats-full': () => t('members_problemSeatsFull', MAX_SEATS),
  'teams-full': () => t('members_problemTeamsFull', MAX_TEAMS),
  'teams-shape': () => t('members_problemTeamsShape'),
  'team-name-too-long': () => t('members_problemTeamNameTooLong'),
  'role-unknown': () => t('members_problemRoleUnknown'),
  'member-unknown': () => t('members_problemMemberUnknown'),
  'demote-self': () => t('members_problemDemoteSelf'),
  'demote-owner': () => t('members_problemDemoteOwner'),
  'remove-self': () => t('members_problemRemoveSelf'),
  'remove-owner': () => t('members_problemRemoveOwner'),
  'remove-own-access': () => t('problem_removeOwnAccess'),
  'not-directory': () => t('problem_notDirectory'),
  'directory-owner': () => t('problem_directoryOwner'),
  'team-unknown': () => t('problem_teamUnknown'),
  'team-duplicate': () => t('problem_teamDuplicate'),
  'token-name-missing': () => t('problem_tokenNameMissing'),
  'token-name-too-long': () => t('problem_tokenNameTooLong', MAX_TOKEN_NAME_LENGTH),
  'token-name-duplicate': () => t('problem_tokenNameDuplicate'),
  'tokens-full': () => t('problem_tokensFull', MAX_DIRECTORY_TOKENS),
  'token-unknown': () => t('problem_tokenUnknown'),
  'org-name-missing': () => t('server_problemOrgNameMissing'),
  'org-name-too-long': () => t('server_problemOrgNameTooLong'),
  'not-signed-in': () => t('problem_notSignedIn'),
  'not-admin': () => t('members_problemNotAdmin'),
  'not-owner': () => t('problem_notOwner'),
  'not-invited': () => t('problem_notInvited'),
  'munchkin-missing': () => t('problem_munchkinMissing'),
  'munchkin-shape': () => t('problem_munchkinShape'),
  'clientId-missing': () => t('problem_clientIdMissing'),
  'clientId-has-space': () => t('problem_credentialHasSpace'),
  'clientId-too-long': () => t('problem_credentialTooLong'),
  'clientSecret-missing': () => t('problem_clientSecretMissing'),
  'clientSecret-has-space': () => t('problem_credentialHasSpace'),
  'clientSecret-too-long': () => t('problem_credentialTooLong'),
  'restBaseUrl-invalid': () => t('problem_endpointInvalid'),
  'restBaseUrl-insecure': () => t('problem_endpointInsecure'),
  'restBaseUrl-not-marketo': () => t('problem_endpointNotMarketo'),
  'identityBaseUrl-invalid': () => t('problem_endpointInvalid'),
  'identityBaseUrl-insecure': () => t('problem_endpointInsecure'),
  'identityBaseUrl-not-marketo': () => t('problem_endpointNotMarketo'),
  'host-permission': () => t('problem_hostPermission'),
  'connect-has-grant': () => t('problem_connectHasGrant'),
  'connect-not-handover': () => t('problem_connectNotHandover'),
  'org-not-connected': () => t('problem_orgNotConnected'),
  '601': () => t('problem_tokenInvalid'),
  '602': () => t('problem_tokenExpired'),
  '603': () => t('problem_accessDenied'),
  '604': () => t('problem_marketoTimeout'),
  '606': () => t('problem_rateLimit'),
  '607': () => t('problem_dailyQuota'),
  '608': () => t('problem_unavailable'),
  '611': () => t('problem_systemError'),
  '614': () => t('problem_subscriptionNotFound'),
  '615': () => t('problem_concurrentLimit'),
  '1008': () => t('problem_partitionDenied'),
  'bad-credentials': () => t('problem_badCredentials'),
  'bad-config': () => t('problem_badConfig'),
  network: () => t('problem_network'),
  timeout: () => t('problem_timeout'),
  'http-5xx': () => t('problem_http5xx'),
  'http-429': () => t('problem_http429'),
  'http-status': () => t('problem_httpStatus'),
  'bad-response': () => t('problem_badResponse'),
  'bad-message': () => t('problem_badRequest'),
  'bad-input': () => t('problem_badRequest'),
  'unknown-command': () => t('problem_badRequest'),
  'forbidden-sender': () => t('problem_forbiddenSender'),
  'no-answer': () => t('problem_noAnswer'),
  'row-unreported': () => t('members_problemNoAnswer'),
  'job-pending': () => t('problem_jobPending'),
  'server-error': () => t('problem_serverError'),
  internal: () => t('problem_internal'),
  // The team server.
  'server-unavailable': () => t('server_problemUnavailable'),
  'shutting-down': () => t('server_problemShuttingDown'),
  'too-many-requests': () => t('server_problemTooManyRequests'),
  'too-large': () => t('server_problemTooLarge'),
  'forbidden-origin': () => t('server_problemForbiddenOrigin'),
  'server-answer-unexpected': () => t('server_problemAnswerUnexpected'),
  'activity-time-invalid': () => t('activity_problemTimeInvalid'),
  'activity-kind-unknown': () => t('activity_problemKindUnknown'),
  'activity-cursor-invalid': () => t('activity_problemCursorInvalid'),
  'claim-invalid': () => t('server_problemClaimInvalid'),
  'server-unreachable': () => t('server_problemUnreachable'),
  'server-url-invalid': () => t('server_problemUrlInvalid'),
  'server-url-insecure': () => t('server_problemUrlInsecure'),
  'server-permission': () => t('server_problemPermission'),
  'host-permission-no-answer': () => t('hostPermission_noAnswer'),
  'code-invalid': () => t('server_problemCodeInvalid'),
  'passkey-cancelled': () => t('server_problemPasskeyCancelled'),
  'passkey-failed': () => t('server_problemPasskeyFailed'),
  'session-not-fresh': () => t('server_problemSessionNotFresh'),
  'sign-in-elsewhere': () => t('server_problemSignInElsewhere'),
  // Moving an org.
  'import-file-invalid': () => t('server_problemImportFileInvalid'),
  'import-version-unknown': () => t('server_problemImportVersion'),
  'import-has-secret': () => t('server_problemImportHasSecret'),
  'import-no-admin': () => t('server_problemImportNoAdmin'),
  'import-member-unknown': () => t('server_problemImportMemberUnknown'),
  'secret-needed': () => t('server_problemSecretNeeded'),
  'sso-name-invalid': () => t('sso_problemNameInvalid'),
  'sso-issuer-invalid': () => t('sso_problemIssuerInvalid'),
  'sso-domain-invalid': () => t('sso_problemDomainInvalid'),
  'sso-discovery-failed': () => t('sso_problemDiscoveryFailed'),
  'sso-not-configured': () => t('sso_problemNotConfigured'),
  'sso-owner-untested': () => t('sso_problemOwnerUntested'),
  'sso-policy-sso-only': () => t('sso_problemPolicySsoOnly'),
  'sso-required': () => t('sso_problemRequired'),
  'sso-refused': () => t('sso_problemRefused'),
  'sso-email-unverified': () => t('sso_problemEmailUnverified'),
  'sso-domain-not-vouched': () => t('sso_problemDomainNotVouched'),
  'sso-not-member': () => t('sso_problemNotMember'),
  'sso-expired': () => t('sso_problemExpired'),
  'sso-cancelled': () => t('sso_problemCancelled'),
};

/** An instant in the reader's own time zone, named, with the day: "Saturday 7:00 AM GMT+1". */
const clock = (at: number, withSeconds = false) =>
  new Intl.DateTimeFormat(uiLocale(), {
    weekday: 'long',
    hour: 'numeric',
    minute: '2-digit',
    ...(withSeconds && { second: '2-digit' }),
    timeZoneName: 'short',
  }).format(at);

// Marketo's limits, with the time each clears in the reader's own zone (now is read when the words are shown).
const WHEN: Partial<Record<KnownProblemCode, (now: number) => string>> = {
  '607': (now) => t('problem_dailyQuota', clock(nextQuotaReset(now))),
  '606': (now) => t('problem_rateLimit', clock(rateLimitClears(now), true)),
  '615': (now) => t('problem_concurrentLimit', clock(rateLimitClears(now), true)),
};

// What to check, step by step, where one code has several causes.
const DETAILS: Partial<Record<KnownProblemCode, () => string[]>> = {
  '603': () => [t('problem_accessDeniedRole'), t('problem_accessDeniedAllowlist')],
};

/** The causes to check for a problem that has several, each in a line of its own; none for most. */
export const problemDetails = (problem: Problem): string[] => DETAILS[problem.code as KnownProblemCode]?.() ?? [];

/** A problem in the page's language; a Marketo code we have no words for keeps its number. */
export function problemText(problem: Problem, now = Date.now()): string {
  const when = WHEN[problem.code as KnownProblemCode];
  if (when) return when(now);
  const known = TEXT[problem.code as KnownProblemCode];
  // Any other Marketo code (609, 7xx …): its number, in the page's language, rather than Marketo's English.
  return known ? known() : t('problem_marketoOther', problem.code);
}

/** The same problem, translated, for ProblemMessage. */
export const translated = (problem: Problem | undefined): Problem | undefined =>
  problem && { ...problem, message: problemText(problem) };
