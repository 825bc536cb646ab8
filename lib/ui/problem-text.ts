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
  // Marketo's refusals (lib/marketo/errors.ts) and the client's own failures.
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
  'bad-config': () => t('problem_badConfig'),
  'http-5xx': () => t('problem_http5xx'),
  'http-429': () => t('problem_http429'),
  'http-status': () => t('problem_httpStatus'),
  'bad-response': () => t('problem_badResponse'),
  network: () => t('problem_network'),
  timeout: () => t('problem_timeout'),
  internal: () => t('problem_internal'),
  // The channel's refusals: a page out of step with the worker (an update mid-session), never a person's mistake.
  'bad-input': () => t('problem_badRequest'),
  'bad-message': () => t('problem_badRequest'),
  'unknown-command': () => t('problem_badRequest'),
  'forbidden-sender': () => t('problem_badRequest'),
};

/** A problem in the page's language. */
export function problemText(problem: Problem): string {
  const text = TEXT[problem.code];
  if (text) return text();
  // Any other Marketo code (609, 7xx …): its number, in the page's language, rather than Marketo's English.
  if (/^\d+$/.test(problem.code)) return t('problem_marketoOther', problem.code);
  return problem.message;
}

/** The same problem, translated, for ProblemMessage. */
export const translated = (problem: Problem | undefined): Problem | undefined => problem && { ...problem, message: problemText(problem) };
