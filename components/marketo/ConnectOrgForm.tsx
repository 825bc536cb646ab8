import { useState } from 'preact/hooks';
import { clientIdAsTyped } from '../../lib/domain/connection-fields.ts';
import { munchkinAsTyped } from '../../lib/domain/munchkin.ts';
import { requestMarketoHostPermission } from '../../lib/ui/host-permission.ts';
import { requestReadyNotifications } from '../../lib/ui/notify-permission.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { HostPermissionWait } from '../HostPermissionWait.tsx';
import { ProblemMessage } from '../ProblemMessage.tsx';

const EMPTY = { munchkinId: '', clientId: '', clientSecret: '', restBaseUrl: '', identityBaseUrl: '' };
type Fields = typeof EMPTY;

/** What each field's shape says while it is typed: a hint when it fits, a warning at the first wrong character. */
function shapeNote(key: keyof Fields, value: string): { text: string; wrong: boolean } | undefined {
  if (key === 'munchkinId') {
    const shape = munchkinAsTyped(value);
    if (shape === 'wrong') return { text: t('problem_munchkinShape'), wrong: true };
    if (shape === 'complete') return { text: t('marketo_munchkinLooksRight'), wrong: false };
    return { text: t('marketo_munchkinHint'), wrong: false };
  }
  if (key === 'clientId') {
    return clientIdAsTyped(value) === 'wrong'
      ? { text: t('marketo_clientIdShape'), wrong: true }
      : { text: t('marketo_clientIdHint'), wrong: false };
  }
  if (key === 'clientSecret') return { text: t('marketo_clientSecretHint'), wrong: false };
  return undefined;
}

/** The org connection's credentials, checked live with Marketo by the worker (by the team server when `onServer`). */
export function ConnectOrgForm({ onServer = false }: { onServer?: boolean }) {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [hostPermissionProblem, setPermissionProblem] = useState<string | undefined>(undefined);
  // Said once after a paste lost its surrounding spaces, so the admin knows the field changed under them.
  const [trimmed, setTrimmed] = useState<keyof Fields | undefined>(undefined);
  const { run, busy, problem } = useCommand('connectOrg');
  const field = (key: keyof Fields, label: string, extra: Record<string, string | boolean> = {}) => {
    const note = shapeNote(key, fields[key]);
    const noteId = `${key}-note`;
    return (
      <div class="field">
        <label>
          {label}
          <input
            name={key}
            value={fields[key]}
            onInput={(e) => {
              // Credentials are copied from Marketo Admin "without spaces": spaces around a paste are dropped here.
              const raw = e.currentTarget.value;
              const value = key === 'restBaseUrl' || key === 'identityBaseUrl' ? raw : raw.trim();
              if (value !== raw) {
                e.currentTarget.value = value;
                setTrimmed(key);
              } else if (trimmed === key) setTrimmed(undefined);
              setFields({ ...fields, [key]: value });
            }}
            autoComplete="off"
            spellcheck={false}
            aria-invalid={problem?.field === key || note?.wrong || undefined}
            aria-describedby={note ? noteId : undefined}
            {...extra}
          />
        </label>
        {note && (
          <span id={noteId} class={note.wrong ? 'field-note wrong' : 'field-note'} aria-live="polite">
            {note.text}
            {trimmed === key && ` ${t('marketo_spacesRemoved')}`}
          </span>
        )}
      </div>
    );
  };
  return (
    <form
      class="card"
      aria-labelledby="connect-title"
      onSubmit={async (event) => {
        event.preventDefault();
        // First thing in the click: browsers only show the permission prompt during a user gesture.
        const permission = await requestMarketoHostPermission(fields, onServer);
        setPermissionProblem(
          permission.ok
            ? undefined
            : permission.abandoned
              ? t('hostPermission_noAnswer')
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
      <HostPermissionWait />
      {hostPermissionProblem && (
        <p class="problem" role="alert">
          {hostPermissionProblem}
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
