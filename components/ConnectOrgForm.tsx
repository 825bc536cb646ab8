import { useState } from 'preact/hooks';
import { requestMarketoHostPermission } from '../lib/ui/host-permission.ts';
import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

const EMPTY = { munchkinId: '', clientId: '', clientSecret: '', restBaseUrl: '', identityBaseUrl: '' };
type Fields = typeof EMPTY;

/** Settings > Admin Settings > Marketo: the org connection's credentials. */
export function ConnectOrgForm() {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [permissionProblem, setPermissionProblem] = useState<string | undefined>(undefined);
  const { run, busy, problem } = useCommand('connectOrg');
  const field = (key: keyof Fields, label: string, extra: Record<string, string> = {}) => (
    <label>
      {label}
      <input name={key} value={fields[key]} onInput={(e) => setFields({ ...fields, [key]: e.currentTarget.value })} autoComplete="off" spellcheck={false} {...extra} />
    </label>
  );
  return (
    <form
      class="card"
      aria-labelledby="connect-title"
      onSubmit={async (event) => {
        event.preventDefault();
        // Asked inside the click: Chrome only grants host permissions on a user gesture.
        const permission = await requestMarketoHostPermission(fields);
        setPermissionProblem(permission.ok ? undefined : permission.message);
        if (!permission.ok) return;
        const { restBaseUrl, identityBaseUrl, ...required } = fields;
        const connected = await run({ ...required, ...(restBaseUrl.trim() && { restBaseUrl }), ...(identityBaseUrl.trim() && { identityBaseUrl }) });
        if (connected) setFields(EMPTY);
      }}
    >
      <h2 id="connect-title">Connect the org to Marketo</h2>
      {field('munchkinId', 'Munchkin ID', { placeholder: '123-ABC-456', required: 'true' })}
      {field('clientId', 'Client ID', { required: 'true' })}
      {field('clientSecret', 'Client Secret', { type: 'password', required: 'true' })}
      <details>
        <summary>Advanced: endpoints</summary>
        <p>Leave empty to use the ones derived from the Munchkin ID; your instance shows its own under Admin &gt; Web Services.</p>
        {field('restBaseUrl', 'REST endpoint', { placeholder: 'https://123-ABC-456.mktorest.com/rest' })}
        {field('identityBaseUrl', 'Identity endpoint', { placeholder: 'https://123-ABC-456.mktorest.com/identity' })}
      </details>
      {permissionProblem && (
        <p class="problem" role="alert">
          {permissionProblem}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <button type="submit" disabled={busy}>
        {busy ? 'Checking with Marketo…' : 'Connect to Marketo'}
      </button>
    </form>
  );
}
