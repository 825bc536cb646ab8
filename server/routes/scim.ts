import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import SCIMMY from 'scimmy';
import { runCommand } from '../../lib/features/dispatch.ts';
import type { AppContext } from '../app-context.ts';
import { isDatabaseDown } from '../http/answers.ts';
import { errorKind } from '../observability/logger.ts';
import { requestLog } from '../observability/request-log.ts';
import { errorBody, scimError, scimFailureOf, type ScimFailure } from '../scim/errors.ts';
import {
  declareScimResources,
  loose,
  MAX_RESULTS,
  scimResources,
  SCIM_BASE_PATH,
  tolerated,
  type ScimContext,
} from '../scim/resources.ts';
import { directoryCallerOf } from '../scim/token-auth.ts';
import { commandServices } from '../services/command-services.ts';
import { orgStoreAccess, type DirectoryCallerRef } from '../store/store-access.ts';

const SCIM_JSON = 'application/scim+json; charset=utf-8';
/** As the API's: a SCIM request carries one resource or one PatchOp. */
const MAX_BODY_BYTES = 256 * 1024;

function answer(c: Context, status: number, body?: unknown) {
  if (body === undefined) return c.body(null, status as 204);
  return c.body(JSON.stringify(body), status as 200, { 'Content-Type': SCIM_JSON });
}

const fail = (c: Context, failure: ScimFailure) => answer(c, failure.status, errorBody(failure));

/**
 * A list page: scimmy answers the first page again for a `startIndex` past
 * the end, which would send a client paging to the end around forever; past
 * the end, the page is empty.
 */
function pageOf(list: unknown) {
  const page = list as { startIndex: number; totalResults: number; Resources: unknown[] };
  return page.startIndex > page.totalResults ? { ...page, Resources: [], itemsPerPage: 0 } : page;
}

/** A positive integer query parameter, or a SCIM error naming it. */
function integer(c: Context, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d{1,9}$/.test(raw.trim()))
    throw new SCIMMY.Types.Error(400, 'invalidValue', `The query parameter ${name} must be an integer.`);
  return Number.parseInt(raw, 10);
}

/** What a list asks for: scimmy filters, and pages from `startIndex` (1-based) with at most 100 a page. */
function listConfig(c: Context) {
  const startIndex = Math.max(integer(c, 'startIndex') ?? 1, 1);
  const count = Math.min(Math.max(integer(c, 'count') ?? MAX_RESULTS, 0), MAX_RESULTS);
  const filter = c.req.query('filter');
  const attributes = c.req.query('attributes');
  const excludedAttributes = c.req.query('excludedAttributes');
  return {
    startIndex,
    count,
    ...(filter !== undefined && filter.trim() !== '' && { filter }),
    ...(attributes && { attributes }),
    ...(excludedAttributes && { excludedAttributes }),
  };
}

/**
 * SCIM 2.0 at /scim/v2 for the company directory (Okta, Microsoft Entra
 * ID): one URL for every org, the org is the bearer token's. Users are the
 * org's members, Groups the teams the directory manages. scimmy parses and
 * answers SCIM; every read and change is a registry command run as the
 * directory (lib/features/directory/commands.ts), one transaction with the
 * org's lock, logged with the token's name as the actor.
 */
export function scimRoutes(ctx: AppContext) {
  declareScimResources();
  const app = new Hono<{ Variables: { directory: DirectoryCallerRef } }>();

  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        c.header('Connection', 'close');
        return fail(c, { status: 413, detail: `The request is over ${MAX_BODY_BYTES / 1024} KB.` });
      },
    }),
  );
  app.use('*', async (c, next) => {
    const caller = await directoryCallerOf(ctx.db, c.req.header('authorization'), ctx.services.now());
    if (!caller) {
      c.header('WWW-Authenticate', 'Bearer realm="scim"');
      return fail(c, { status: 401, detail: 'Send a SCIM token of your org as "Authorization: Bearer <token>".' });
    }
    c.set('orgId', caller.orgId);
    c.set('directory', caller);
    await next();
  });

  /** Runs one SCIM operation for the calling directory; every refusal becomes a SCIM error. */
  const operate = async (
    c: Context<{ Variables: { directory: DirectoryCallerRef } }>,
    work: (scim: ScimContext) => Promise<[number, unknown?]>,
  ) => {
    const caller = c.get('directory');
    const services = commandServices(ctx.services, caller.orgId);
    // A failure that is not the directory's doing (the database down, a bug): kept aside, because scimmy turns
    // whatever a handler throws into a 404 or a 400, and answered as a 5xx below.
    let unexpected: { error: unknown } | undefined;
    const scim: ScimContext = {
      run: async (name, input) => {
        let result;
        try {
          result = await runCommand(orgStoreAccess(ctx.db, caller), services, name, input);
        } catch (error) {
          unexpected = { error };
          throw scimError({ status: 500, detail: 'internal' });
        }
        if (!result.ok) throw scimError(scimFailureOf(result.problem));
        return result.value;
      },
    };
    try {
      const [status, body] = await work(scim);
      if (unexpected) throw unexpected.error;
      return answer(c, status, body);
    } catch (error) {
      if (unexpected || !(error instanceof SCIMMY.Types.Error)) {
        const original = unexpected ? unexpected.error : error;
        if (isDatabaseDown(original))
          return fail(c, { status: 503, detail: 'The team server cannot reach its database: nothing was changed.' });
        requestLog(c).error(errorKind(original), 'scim internal error');
        return fail(c, { status: 500, detail: 'The team server failed to answer: nothing was changed.' });
      }
      return fail(c, { status: error.status, scimType: error.scimType, detail: error.message });
    }
  };

  const body = async (c: Context) => {
    const text = await c.req.text();
    if (text.trim() === '') return undefined;
    try {
      return tolerated(JSON.parse(text));
    } catch {
      throw new SCIMMY.Types.Error(400, 'invalidSyntax', 'The request body is not JSON.');
    }
  };

  app.get('/ServiceProviderConfig', (c) =>
    operate(c, async () => [200, await new SCIMMY.Resources.ServiceProviderConfig().read()]),
  );
  app.get('/Schemas', (c) =>
    operate(c, async () => [200, await new (loose(SCIMMY.Resources.Schema))(listConfig(c)).read()]),
  );
  app.get('/Schemas/:id', (c) =>
    operate(c, async () => [200, await new SCIMMY.Resources.Schema(c.req.param('id')).read()]),
  );
  app.get('/ResourceTypes', (c) =>
    operate(c, async () => [200, await new (loose(SCIMMY.Resources.ResourceType))(listConfig(c)).read()]),
  );
  app.get('/ResourceTypes/:id', (c) =>
    operate(c, async () => [200, await new SCIMMY.Resources.ResourceType(c.req.param('id')).read()]),
  );

  const { Users, Groups } = scimResources();
  for (const [path, Resource] of [
    ['/Users', Users],
    ['/Groups', Groups],
  ] as const) {
    const one = (c: Context) => new Resource(c.req.param('id') ?? '', listConfig(c));
    app.get(path, (c) => operate(c, async (scim) => [200, pageOf(await new Resource(listConfig(c)).read(scim))]));
    app.get(`${path}/:id`, (c) => operate(c, async (scim) => [200, await one(c).read(scim)]));
    app.post(path, (c) =>
      operate(c, async (scim) => {
        const created = (await new Resource().write(await body(c), scim)) as { id?: string };
        c.header('Location', `${ctx.publicUrl}${SCIM_BASE_PATH}${path}/${created.id ?? ''}`);
        return [201, created];
      }),
    );
    app.put(`${path}/:id`, (c) => operate(c, async (scim) => [200, await one(c).write(await body(c), scim)]));
    app.patch(`${path}/:id`, (c) =>
      operate(c, async (scim) => {
        const patched = await one(c).patch(await body(c), scim);
        return patched === undefined ? [204] : [200, patched];
      }),
    );
    app.delete(`${path}/:id`, (c) =>
      operate(c, async (scim) => {
        await one(c).dispose(scim);
        return [204];
      }),
    );
  }

  app.all('*', (c) => {
    c.set('unmatched', true);
    return fail(c, { status: 404, detail: `There is no SCIM endpoint ${SCIM_BASE_PATH}${c.req.path.slice(0, 80)}.` });
  });
  return app;
}
