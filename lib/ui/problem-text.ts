import { MAX_SEATS, MAX_TEAMS } from '../domain/member.ts';
import type { Problem } from '../domain/result.ts';
import { t } from './i18n.ts';

// The refusals a person meets in the pages, by their stable code, in
// the extension's language: always our translation, even in English, because
// the language chrome.i18n picked cannot be told reliably from
// getUILanguage() (headless Chromium with --lang=fr answers "en-US" yet
// serves French messages), and one page should not mix two languages. The
// domain's English sentence stays the fallback for a code not listed here;
// what it would add (the email, the role) is on screen beside the message.
const TEXT: Record<string, () => string> = {
  'name-missing': () => t('team_problemNameMissing'),
  'name-too-long': () => t('team_problemNameTooLong'),
  'email-missing': () => t('team_problemEmailMissing'),
  'email-too-long': () => t('team_problemEmailTooLong'),
  'email-has-space': () => t('team_problemEmailHasSpace'),
  'email-at-sign': () => t('team_problemEmailAtSign'),
  'email-shape': () => t('team_problemEmailShape'),
  'email-duplicate': () => t('team_problemEmailDuplicate'),
  'seats-full': () => t('team_problemSeatsFull', MAX_SEATS),
  'teams-full': () => t('team_problemTeamsFull', MAX_TEAMS),
  'teams-shape': () => t('team_problemTeamsShape'),
  'team-name-too-long': () => t('team_problemTeamNameTooLong'),
  'role-unknown': () => t('team_problemRoleUnknown'),
  'member-unknown': () => t('team_problemMemberUnknown'),
  'demote-self': () => t('team_problemDemoteSelf'),
  'demote-owner': () => t('team_problemDemoteOwner'),
  'remove-self': () => t('team_problemRemoveSelf'),
  'remove-owner': () => t('team_problemRemoveOwner'),
  'not-admin': () => t('team_problemNotAdmin'),
  'row-unreported': () => t('team_problemNoAnswer'),
  'no-answer': () => t('problem_noAnswer'),
  // Signing in and the org connection.
  'not-invited': () => t('problem_notInvited'),
  'not-signed-in': () => t('problem_notSignedIn'),
  'munchkin-missing': () => t('problem_munchkinMissing'),
  'munchkin-shape': () => t('problem_munchkinShape'),
  'clientId-missing': () => t('problem_clientIdMissing'),
  'clientSecret-missing': () => t('problem_clientSecretMissing'),
  'clientId-has-space': () => t('problem_credentialHasSpace'),
  'clientSecret-has-space': () => t('problem_credentialHasSpace'),
  'bad-credentials': () => t('problem_badCredentials'),
  'host-permission': () => t('problem_hostPermission'),
  'connect-has-grant': () => t('problem_connectHasGrant'),
  'not-owner': () => t('problem_notOwner'),
  'org-not-connected': () => t('problem_orgNotConnected'),
  '603': () => t('problem_accessDenied'),
  '607': () => t('problem_dailyQuota'),
  network: () => t('problem_network'),
  timeout: () => t('problem_timeout'),
  internal: () => t('problem_internal'),
  // The team server. Its own refusals (503, 500, a used claim link) keep the server's words.
  'server-unreachable': () => t('server_problemUnreachable'),
  'server-url-invalid': () => t('server_problemUrlInvalid'),
  'server-url-insecure': () => t('server_problemUrlInsecure'),
  'server-permission': () => t('server_problemPermission'),
  'code-invalid': () => t('server_problemCodeInvalid'),
  'passkey-cancelled': () => t('server_problemPasskeyCancelled'),
  'passkey-failed': () => t('server_problemPasskeyFailed'),
  'session-not-fresh': () => t('server_problemSessionNotFresh'),
  'sign-in-elsewhere': () => t('server_problemSignInElsewhere'),
};

/** A problem in the page's language. */
export function problemText(problem: Problem): string {
  return TEXT[problem.code]?.() ?? problem.message;
}

/** The same problem, translated, for ProblemMessage. */
export const translated = (problem: Problem | undefined): Problem | undefined => problem && { ...problem, message: problemText(problem) };
