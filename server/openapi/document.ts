import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { KNOWN_PROBLEM_CODES, MARKETO_CODE, type ProblemCode } from '../../lib/domain/problems.ts';
import { activity, member, orgView, problem, serverSession } from '../../lib/features/answers.ts';
import { COMMANDS, type CommandName } from '../../lib/features/registry.ts';
import { AUTH_BASE_PATH } from '../auth/auth.ts';
import { AUTH_ROUTES } from '../auth/auth-routes.ts';
import { commandSuccess, REFUSAL, statusOf } from '../http/answers.ts';
import { IDEMPOTENCY_KEY } from '../routes/commands.ts';
import { ssoProvidersAnswer, ssoProvidersInput, ssoStartAnswer, ssoStartInput } from '../routes/sso.ts';
import { PROBE_NOT_READY, PROBE_OK } from '../routes/health.ts';
import { activityPageSchema } from '../activity/lines.ts';
import { ACTIVITY_QUERY_PARAMETERS } from '../activity/query.ts';

export const OPENAPI_PATH = '/api/openapi.json';
export const REFERENCE_PATH = '/api/docs';

/** Shapes named once in `components.schemas` and referenced wherever they appear. */
const NAMED = { Member: member, OrgView: orgView, Activity: activity, Problem: problem } satisfies Record<
  string,
  v.GenericSchema
>;

type Schema = Record<string, unknown>;
type Operation = Schema & { responses: Record<string, Schema> };
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<'get' | 'post', Operation>>>;
  components: Schema;
  [key: string]: unknown;
}

/** Every refusal's code, by the HTTP status the server answers it with (server/http/answers.ts decides). */
const codesByStatus = new Map<number, ProblemCode[]>();
for (const code of KNOWN_PROBLEM_CODES) {
  const status = statusOf(code);
  codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), code]);
}
// Marketo's codes this extension has no words for keep their number, and are rule refusals (409) like the rest.
const MARKETO_STATUS = statusOf('999');

const codeSchema = (codes: readonly string[], withMarketo: boolean): JsonSchema => {
  const known: JsonSchema = { type: 'string', enum: [...codes] };
  return withMarketo ? { anyOf: [known, { type: 'string', pattern: MARKETO_CODE.source }] } : known;
};

const { Problem: _problem, ...NAMED_BUT_PROBLEM } = NAMED;

/**
 * valibot to JSON Schema 2020-12 (OpenAPI 3.1's dialect). Wire shapes are
 * what the schemas take (their output equals their input but for the view's
 * transform, which only restores a key JSON leaves out). A shape that cannot
 * be said throws here, so the document never silently loses one. A problem's
 * code is the domain's list (a custom check in valibot); a refusal of one
 * status says only that status's codes.
 */
const config = (problemCode = codeSchema(KNOWN_PROBLEM_CODES, true)): ConversionConfig => ({
  target: 'draft-2020-12',
  typeMode: 'output',
  ignoreActions: ['transform'],
  errorMode: 'throw',
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
  overrideSchema: ({ valibotSchema }) => (valibotSchema === problem.entries.code ? problemCode : undefined),
  // JSON has no infinite number: a JSON number is always finite.
  overrideAction: ({ valibotAction, jsonSchema }) => (valibotAction.type === 'finite' ? jsonSchema : undefined),
});

function convert(schema: v.GenericSchema, problemCode?: JsonSchema): Schema {
  const definitions = problemCode ? NAMED_BUT_PROBLEM : NAMED;
  const { $schema: _dialect, $defs: _defs, ...json } = toJsonSchema(schema, { ...config(problemCode), definitions });
  return json as Schema;
}

const components = (): Schema => {
  const schemas: Schema = toJsonSchemaDefs(NAMED, config());
  // Any refusal, whatever its status: for routes whose refusals are not all ours (better-auth's).
  schemas.Refused = convert(REFUSAL);
  const responses: Record<string, Schema> = {};
  for (const [status, codes] of [...codesByStatus].sort(([a], [b]) => a - b)) {
    const name = refusalName(status);
    schemas[name] = convert(REFUSAL, codeSchema(codes, status === MARKETO_STATUS));
    responses[name] = {
      description: `Refused: ${codes.join(', ')}${status === MARKETO_STATUS ? ', or a Marketo code by its number' : ''}.`,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
    };
  }
  return {
    schemas,
    responses,
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'The session token a sign-in answered in its `set-auth-token` header.',
      },
    },
  };
};

const refusalName = (status: number) => `Refused${status}`;
const refused = (...statuses: number[]): Record<string, Schema> =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { $ref: `#/components/responses/${refusalName(status)}` }]),
  );

/** Refusals any route under /api may answer: a web page's Origin, a body too large, a failure, a database down or a drain. */
const API_REFUSALS = [403, 413, 500, 503];
/** Outside /api: a failure, a database down or a drain. */
const OTHER_REFUSALS = [500, 503];

const json = (schema: Schema, description: string): Schema => ({
  description,
  content: { 'application/json': { schema } },
});

const WHO: Record<string, string> = {
  anyone: 'Anyone, signed in or not',
  member: 'Any signed-in member',
  admin: 'Admins',
  owner: 'The owner (the admin who made the org connection)',
};

function commandOperation(name: CommandName): Operation {
  const command = COMMANDS[name];
  const createsOrg = 'createsOrg' in command && command.createsOrg === true;
  const signedIn = command.who !== 'anyone';
  return {
    operationId: name,
    tags: ['commands'],
    summary: `${WHO[command.who]}; ${command.writes ? 'changes the org' : 'reads'}.`,
    description: createsOrg
      ? 'Creates the org and its first admin from the one-time claim link; no bearer.'
      : 'Runs the command declared in lib/features for the bearer’s member (signed out: none).',
    security: createsOrg ? [] : signedIn ? [{ bearer: [] }] : [{}, { bearer: [] }],
    parameters: command.writes
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            description:
              'A UUID per change: a retry with the same key answers the stored success and applies nothing again.',
            schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
          },
        ]
      : [],
    requestBody: {
      required: false,
      description: 'The command’s input (an empty body is `{}`).',
      content: { 'application/json': { schema: convert(command.input) } },
    },
    responses: {
      '200': json(
        convert(commandSuccess(command.answer)),
        command.writes ? 'Done: the answer, the org’s version, and the caller’s own view after it.' : 'The answer.',
      ),
      ...refused(400, ...(signedIn ? [401] : []), 409, ...API_REFUSALS),
    },
  };
}

/** Better-auth's own answers (its routes, its shapes): described as JSON, see better-auth's documentation. */
const BETTER_AUTH_ANSWER: Schema = { type: 'object', description: 'better-auth’s answer' };

function authOperation(route: string): [string, string, Operation] {
  const [method, path] = route.split(' ') as [string, string];
  return [
    `${AUTH_BASE_PATH}${path}`,
    method.toLowerCase(),
    {
      tags: ['sign-in'],
      summary: `better-auth: ${path}`,
      description:
        'A better-auth 1.7.6 route this server lets through (server/auth/auth-routes.ts); every other answers 404. Its answers are better-auth’s, but for the refusals of this server’s own checks (origin, code requests per email, body size, draining).',
      security: [{}, { bearer: [] }],
      responses: {
        '200': json(BETTER_AUTH_ANSWER, 'better-auth’s answer; a sign-in carries the bearer in `set-auth-token`.'),
        default: {
          description:
            'Refused, by this server (its envelope) or by better-auth (its own JSON; text for its rate limit).',
          content: {
            'application/json': { schema: { anyOf: [{ $ref: '#/components/schemas/Refused' }, BETTER_AUTH_ANSWER] } },
            'text/plain': { schema: { type: 'string' } },
          },
        },
      },
    },
  ];
}

const text = (type: string, description: string): Schema => ({
  description,
  content: { [type]: { schema: { type: 'string' } } },
});

/**
 * The team server's HTTP API as OpenAPI 3.1, made from what the code
 * declares: one path per command the registry runs on a team server (input,
 * answer, who, writes), the refusals by the status `statusOf` gives each
 * code, the session, change feed, probes and better-auth routes the server
 * has. Pure: the same registry makes the same document.
 */
export function openApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const name of Object.keys(COMMANDS) as CommandName[])
    if (COMMANDS[name].where !== 'trial') paths[`/api/commands/${name}`] = { post: commandOperation(name) };
  paths['/api/session'] = {
    get: {
      operationId: 'getSession',
      tags: ['session'],
      summary: 'Who the bearer is, in which org, at which version, and the person’s memberships (their orgs here).',
      security: [{ bearer: [] }],
      responses: { '200': json(convert(serverSession), 'The session.'), ...refused(401, ...API_REFUSALS) },
    },
  };
  paths['/api/changes'] = {
    get: {
      operationId: 'followChanges',
      tags: ['session'],
      summary:
        'Server-Sent Events: `org-changed` with `{"version":n}` now and after each change; `reconnect` on a drain.',
      security: [{ bearer: [] }],
      responses: { '200': text('text/event-stream', 'The stream.'), ...refused(401, ...API_REFUSALS) },
    },
  };
  paths['/api/activity'] = {
    get: {
      operationId: 'readActivity',
      tags: ['activity'],
      summary:
        'The caller’s org’s activity log, for an admin, oldest first: JSON pages, or streamed as CSV or JSON Lines.',
      security: [{ bearer: [] }],
      parameters: ACTIVITY_QUERY_PARAMETERS.map(({ name, description }) => ({
        name,
        in: 'query',
        required: false,
        description,
        schema: { type: 'string' },
      })),
      responses: {
        '200': {
          description: 'A page (`format=json`), or every line after the cursor (`csv`, `jsonl`), streamed.',
          content: {
            'application/json': { schema: convert(commandSuccess(activityPageSchema)) },
            'text/csv': { schema: { type: 'string' } },
            'application/x-ndjson': { schema: { type: 'string' } },
          },
        },
        ...refused(400, 401, ...API_REFUSALS),
      },
    },
  };
  for (const route of AUTH_ROUTES) {
    const [path, method, operation] = authOperation(route);
    paths[path] = { ...paths[path], [method]: operation };
  }
  const ssoPost = (
    operationId: string,
    summary: string,
    input: v.GenericSchema,
    answer: v.GenericSchema,
    limited = false,
  ) => ({
    post: {
      operationId,
      tags: ['sign-in'],
      summary,
      security: [],
      requestBody: { required: true, content: { 'application/json': { schema: convert(input) } } },
      responses: {
        '200': json(convert(commandSuccess(answer)), 'The answer.'),
        ...refused(400, 409, ...(limited ? [429] : []), ...API_REFUSALS),
      },
    },
  });
  paths['/api/sso/providers'] = ssoPost(
    'ssoProviders',
    'The company sign-ins that vouch for an email’s domain (to offer “Sign in with …”); says nothing of members.',
    ssoProvidersInput,
    ssoProvidersAnswer,
  );
  paths['/api/sso/start'] = ssoPost(
    'ssoStart',
    'Starts an SSO sign-in (state, nonce and PKCE kept here): the identity provider’s URL to open.',
    ssoStartInput,
    ssoStartAnswer,
    true,
  );
  paths['/api/sso/callback'] = {
    get: {
      operationId: 'ssoCallback',
      tags: ['sign-in'],
      summary:
        'The identity provider’s redirect: checked, then back to the extension with `#sso=<one-time result>` or `#sso-error=<code>`.',
      security: [],
      responses: {
        '302': { description: 'Back to the extension (the redirect it gave at the start).' },
        '400': text('text/html', 'No sign-in under way with this state: a page says to start again.'),
        ...refused(...OTHER_REFUSALS),
      },
    },
  };
  const probe = (operationId: string, summary: string, ready: boolean, deprecated = false): Operation => ({
    operationId,
    tags: ['probes'],
    summary,
    ...(deprecated && { deprecated }),
    security: [],
    responses: {
      '200': json(convert(PROBE_OK), 'Up.'),
      ...(ready && { '503': json(convert(PROBE_NOT_READY), 'Not ready, and why.') }),
      // A failure the probe did not expect (not the database being down) is the server's usual 500.
      ...refused(500),
    },
  });
  paths['/livez'] = { get: probe('livez', 'The process runs (never touches the database).', false) };
  paths['/readyz'] = {
    get: probe('readyz', 'Send it traffic: database reachable, migrations done, not draining.', true),
  };
  paths['/healthz'] = { get: probe('healthz', 'The older name of /readyz.', true, true) };
  paths['/claim'] = {
    get: {
      operationId: 'claimPage',
      tags: ['pages'],
      summary: 'The one-time claim link’s form (the token stays in the fragment).',
      security: [],
      responses: { '200': text('text/html', 'The form.'), ...refused(...OTHER_REFUSALS) },
    },
  };
  paths[OPENAPI_PATH] = {
    get: {
      operationId: 'openApiDocument',
      tags: ['reference'],
      summary: 'This document.',
      security: [],
      responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.'), ...refused(...API_REFUSALS) },
    },
  };
  paths[REFERENCE_PATH] = {
    get: {
      operationId: 'reference',
      tags: ['reference'],
      summary: 'This document as a page.',
      security: [],
      responses: { '200': text('text/html', 'The page.'), ...refused(...API_REFUSALS) },
    },
  };
  return {
    openapi: '3.1.1',
    info: {
      title: 'Marketo Access team server',
      version: '1',
      description:
        'Every JSON answer is `{ ok: true, value, version?, view? }` or `{ ok: false, error: { code, message, field? } }`, and carries `X-Request-Id`. Only extension pages (chrome-extension://, moz-extension://) may send an Origin.',
    },
    tags: [
      { name: 'commands', description: 'POST /api/commands/:name, one per command of lib/features/registry.ts.' },
      { name: 'session' },
      { name: 'sign-in' },
      { name: 'probes' },
      { name: 'pages' },
      { name: 'reference' },
    ],
    paths,
    components: components(),
  };
}
