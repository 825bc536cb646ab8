import * as v from 'valibot';
import {
  LOGIN_POLICIES,
  MAX_IDP_CREDENTIAL_LENGTH,
  MAX_ISSUER_LENGTH,
  MAX_PROVIDER_NAME_LENGTH,
  MAX_SSO_DOMAINS,
  parseProviderFields,
  type IdentitySettings,
} from '../../domain/identity-provider.ts';
import { fail, failAll, ok, type Result } from '../../domain/result.ts';
import { defineCommand } from '../command.ts';
import type { OrgStore } from '../store.ts';
import { text } from '../schemas.ts';
import { decideIdentityAdmin, decideLoginPolicy, decideProvider, decideProviderRemoval } from './rules.ts';

const SLACK = 100;
const time = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The org's identity settings as an admin's page sees them: never the client secret. */
export const identitySettings = v.object({
  provider: v.optional(
    v.object({
      name: v.pipe(v.string(), v.maxLength(MAX_PROVIDER_NAME_LENGTH)),
      issuer: v.pipe(v.string(), v.maxLength(MAX_ISSUER_LENGTH)),
      clientId: v.pipe(v.string(), v.maxLength(MAX_IDP_CREDENTIAL_LENGTH)),
      domains: v.pipe(v.array(v.pipe(v.string(), v.maxLength(253))), v.maxLength(MAX_SSO_DOMAINS)),
      updatedAt: time,
    }),
  ),
  policy: v.picklist(LOGIN_POLICIES),
  /** When the caller last signed in through the provider: "company sign-in only" needs one since its last change. */
  yourLastSsoSignIn: v.optional(time),
});

/** Only a team server has identity settings: elsewhere the command is refused before this is reached. */
function identityOf(store: OrgStore): Result<NonNullable<OrgStore['identity']>> {
  return store.identity ? ok(store.identity) : fail('unknown-command', 'Single sign-on needs a team server.');
}

async function settingsAnswer(store: NonNullable<OrgStore['identity']>, memberId: string) {
  const { provider, policy }: IdentitySettings = await store.get();
  const last = await store.lastSsoSignIn(memberId);
  return {
    ...(provider && { provider }),
    policy,
    ...(last !== undefined && { yourLastSsoSignIn: last }),
  };
}

/** The org's identity provider and login policy, for the admin who may change them (the owner). */
export const getIdentitySettings = defineCommand({
  input: v.strictObject({}),
  answer: identitySettings,
  who: 'admin',
  where: 'team-server',
  writes: false,
  run: async (_input, { store, actor }) => {
    const identity = identityOf(store);
    if (!identity.ok) return identity;
    const allowed = decideIdentityAdmin(actor, await store.org.get());
    if (!allowed.ok) return allowed;
    return ok(await settingsAnswer(identity.value, actor.id));
  },
});

/**
 * Registers (or changes) the org's OpenID provider: its issuer, read through
 * its discovery document before anything is stored, the app's client ID and
 * secret (sealed by the server; never answered back), the name people see on
 * "Sign in with …", and the email domains it vouches for.
 */
export const setIdentityProvider = defineCommand({
  input: v.strictObject({
    name: text(MAX_PROVIDER_NAME_LENGTH + SLACK),
    issuer: text(MAX_ISSUER_LENGTH + SLACK),
    clientId: text(MAX_IDP_CREDENTIAL_LENGTH + SLACK),
    /** Absent or empty: keep the stored secret. */
    clientSecret: v.optional(text(MAX_IDP_CREDENTIAL_LENGTH + SLACK)),
    domains: v.pipe(v.array(text(300)), v.maxLength(MAX_SSO_DOMAINS * 2)),
  }),
  answer: identitySettings,
  who: 'admin',
  where: 'team-server',
  writes: true,
  prepare: async (input, { services, actor, read }) => {
    const fields = parseProviderFields(input, services.endpoints);
    if (!fields.ok) return failAll(fields.problems);
    // Refused before the provider is asked: a click that cannot succeed costs no request.
    const allowed = await read(async (store) => decideIdentityAdmin(actor, await store.org.get()));
    if (!allowed.ok) return allowed;
    if (!services.discoverIssuer) return fail('unknown-command', 'Single sign-on needs a team server.');
    const issuer = await services.discoverIssuer(fields.value.issuer);
    if (!issuer.ok) return issuer;
    const { clientSecret, ...rest } = fields.value;
    return ok({
      fields: { ...rest, issuer: issuer.value, ...(clientSecret !== undefined && { clientSecret }) },
      sealed: clientSecret === undefined ? undefined : await services.seal(clientSecret),
    });
  },
  run: async (_input, { store, actor, now }, { fields, sealed }) => {
    const identity = identityOf(store);
    if (!identity.ok) return identity;
    const settings = await identity.value.get();
    const provider = decideProvider(
      actor,
      await store.org.get(),
      settings,
      fields,
      await identity.value.hasSecret(),
      now,
    );
    if (!provider.ok) return provider;
    await identity.value.putProvider(provider.value, sealed);
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'sso-provider-set',
      details: { name: provider.value.name, issuer: provider.value.issuer, domains: provider.value.domains.join(' ') },
    });
    return ok(await settingsAnswer(identity.value, actor.id));
  },
});

/** Removes the org's identity provider (its sealed secret with it), while members may sign in without it. */
export const removeIdentityProvider = defineCommand({
  input: v.strictObject({}),
  answer: identitySettings,
  who: 'admin',
  where: 'team-server',
  writes: true,
  run: async (_input, { store, actor, now }) => {
    const identity = identityOf(store);
    if (!identity.ok) return identity;
    const allowed = decideProviderRemoval(actor, await store.org.get(), await identity.value.get());
    if (!allowed.ok) return allowed;
    await identity.value.deleteProvider();
    await store.activity.add({ at: now, actorId: actor.id, kind: 'sso-provider-removed' });
    return ok(await settingsAnswer(identity.value, actor.id));
  },
});

/**
 * The login policy: "emailed codes and passkeys" (with the company sign-in
 * beside them, once there is a provider) or "company sign-in only". The
 * server enforces it on every sign-in (server/auth).
 */
export const setLoginPolicy = defineCommand({
  input: v.strictObject({ policy: v.picklist(LOGIN_POLICIES) }),
  answer: identitySettings,
  who: 'admin',
  where: 'team-server',
  writes: true,
  run: async ({ policy }, { store, actor, now }) => {
    const identity = identityOf(store);
    if (!identity.ok) return identity;
    const decided = decideLoginPolicy(
      actor,
      await store.org.get(),
      await identity.value.get(),
      policy,
      await identity.value.lastSsoSignIn(actor.id),
    );
    if (!decided.ok) return decided;
    await identity.value.setPolicy(decided.value.policy, actor.id);
    await store.activity.add({ at: now, actorId: actor.id, kind: 'login-policy-set', details: { policy } });
    return ok(await settingsAnswer(identity.value, actor.id));
  },
});
