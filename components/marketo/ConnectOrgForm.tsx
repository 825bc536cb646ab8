import { useState } from 'preact/hooks';
import { requestMarketoHostPermission } from '../../lib/ui/host-permission.ts';
import { requestReadyNotifications } from '../../lib/ui/notify-permission.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { PermissionWait } from '../permission/PermissionWait.tsx';
import { ProblemMessage } from '../ProblemMessage.tsx';

const EMPTY = { munchkinId: '', clientId: '', clientSecret: '', restBaseUrl: '', identityBaseUrl: '' };
type Fields = typeof EMPTY;

/** The org connection's credentials, checked live with Marketo by the worker. */
export function ConnectOrgForm() {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [permissionProblem, setPermissionProblem] = useState<string | undefined>(undefined);
  const { run, busy, problem } = useCommand('connectOrg');
  const field = (key: keyof Fields, label: string, extra: Record<string, string | boolean> = {}) => (
    <label>
      {label}
      <input
        name={key}
        value={fields[key]}
        onInput={(e) => setFields({ ...fields, [key]: e.currentTarget.value })}
        autoComplete="off"
        spellcheck={false}
        aria-invalid={problem?.field === key}
        {...extra}
      />
    </label>
  );
  return (
    <form
      class="card"
      aria-labelledby="connect-title"
      onSubmit={async (event) => {
        event.preventDefault();
        // First thing in the click: browsers only show the permission prompt during a user gesture.
        const permission = await requestMarketoHostPermission(fields);
        setPermissionProblem(
          permission.ok
            ? undefined
            : permission.abandoned
              ? t('permission_noAnswer')
              : t('marketo_permissionDenied', permission.hosts),
        );
        if (!permission.ok) return;
        // Still inside the click; not awaited: the connection does not depend on the answer.
        void requestReadyNotifications();
        const { restBaseUrl, identityBaseUrl, ...required } = fields;
        const connected = await run({
          ...required,
          ...(restBaseUrl.trim() && { restBaseUrl }),
          ...(identityBaseUrl.trim() && { identityBaseUrl }),
        });
        // The secret leaves the page's memory once it is stored.
        if (connected) setFields(EMPTY);
      }}
    >
      <h3 id="connect-title">{t('marketo_connectTitle')}</h3>
      <p class="hint">{t('marketo_connectHint')}</p>
      {field('munchkinId', t('marketo_munchkinId'), { placeholder: '123-ABC-456', required: true })}
      {field('clientId', t('marketo_clientId'), { required: true })}
      {field('clientSecret', t('marketo_clientSecret'), { type: 'password', required: true })}
      <details>
        <summary>{t('marketo_advanced')}</summary>
        <p class="hint">{t('marketo_advancedHint')}</p>
        {field('restBaseUrl', t('marketo_restUrl'), { placeholder: 'https://123-ABC-456.mktorest.com/rest' })}
        {field('identityBaseUrl', t('marketo_identityUrl'), {
          placeholder: 'https://123-ABC-456.mktorest.com/identity',
        })}
      </details>
      <PermissionWait />
      {permissionProblem && (
        <p class="problem" role="alert">
          {permissionProblem}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <p class="hint">{t('marketo_notifyHint')}</p>
      <button type="submit" disabled={busy}>
        {busy ? t('marketo_checking') : t('marketo_connectButton')}
      </button>
    </form>
  );
}
