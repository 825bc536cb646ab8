import { useEffect, useState } from 'preact/hooks';
import type { CommandResult } from '../../lib/messaging/protocol.ts';
import { t } from '../../lib/ui/i18n.ts';
import { orgLocation } from '../../lib/ui/org-location.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

type Settings = CommandResult<'getIdentitySettings'>;

/**
 * Settings > Marketo, on a team server, for the owner (any admin before the
 * org connection): the org's company sign-in (its OpenID provider) and the
 * login policy. The client secret is sent once and never shown again.
 */
export function IdentityPanel() {
  const load = useCommand('getIdentitySettings');
  const save = useCommand('setIdentityProvider');
  const remove = useCommand('removeIdentityProvider');
  const policy = useCommand('setLoginPolicy');
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [form, setForm] = useState({ name: '', issuer: '', clientId: '', clientSecret: '', domains: '' });
  const location = orgLocation.value;
  const serverUrl = typeof location === 'object' && location.mode === 'server' ? location.serverUrl : '';

  const show = (next: Settings | undefined) => {
    if (!next) return;
    setSettings(next);
    const p = next.provider;
    setForm({
      name: p?.name ?? '',
      issuer: p?.issuer ?? '',
      clientId: p?.clientId ?? '',
      clientSecret: '',
      domains: p?.domains.join('\n') ?? '',
    });
  };
  useEffect(() => void load.run({}).then(show), []);

  const field = (key: keyof typeof form, label: string, type: 'text' | 'password' = 'text') => (
    <label>
      {label}
      {key === 'domains' ? (
        <textarea
          name={key}
          rows={3}
          value={form[key]}
          onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
        />
      ) : type === 'password' ? (
        <input
          name={key}
          type="password"
          autoComplete="new-password"
          value={form[key]}
          onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
        />
      ) : (
        <input
          name={key}
          type="text"
          autoComplete="off"
          value={form[key]}
          onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
        />
      )}
    </label>
  );
  const problem = save.problem ?? remove.problem ?? policy.problem ?? load.problem;
  const provider = settings?.provider;

  return (
    <section class="card" aria-labelledby="identity-title" data-testid="identity-panel">
      <h3 id="identity-title">{t('sso_title')}</h3>
      <p class="hint">{t('sso_hint')}</p>
      <p class="hint">{t('sso_redirectUri', `${serverUrl}/api/sso/callback`)}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save
            .run({
              name: form.name,
              issuer: form.issuer,
              clientId: form.clientId,
              domains: form.domains.split(/[\s,;]+/).filter((d) => d !== ''),
              ...(form.clientSecret !== '' && { clientSecret: form.clientSecret }),
            })
            .then(show);
        }}
      >
        {field('name', t('sso_name'))}
        {field('issuer', t('sso_issuer'))}
        {field('clientId', t('sso_clientId'))}
        {field('clientSecret', t('sso_clientSecret'), 'password')}
        {provider && <p class="hint">{t('sso_clientSecretKept')}</p>}
        {field('domains', t('sso_domains'))}
        <div class="actions">
          <button type="submit" disabled={save.busy}>
            {t('sso_save')}
          </button>
          {provider && (
            <button
              type="button"
              class="secondary danger"
              disabled={remove.busy}
              onClick={() => void remove.run({}).then(show)}
            >
              {t('sso_remove')}
            </button>
          )}
        </div>
      </form>
      {settings && (
        <fieldset>
          <legend>{t('sso_policyTitle')}</legend>
          {(['codes-and-passkeys', 'sso-only'] as const).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="login-policy"
                value={choice}
                checked={settings.policy === choice}
                disabled={policy.busy}
                onChange={() => void policy.run({ policy: choice }).then(show)}
              />
              {choice === 'sso-only' ? t('sso_policySsoOnly') : t('sso_policyCodes')}
            </label>
          ))}
        </fieldset>
      )}
      <ProblemMessage problem={problem} />
    </section>
  );
}
