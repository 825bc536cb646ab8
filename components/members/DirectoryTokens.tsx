import { useEffect, useRef, useState } from 'preact/hooks';
import type { DirectoryToken } from '../../lib/domain/directory.ts';
import { t, uiLocale } from '../../lib/ui/i18n.ts';
import { translated } from '../../lib/ui/problem-text.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

const when = (at: number) =>
  new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);

/**
 * The owner's SCIM tokens (a team server's org only): the base URL to give
 * the identity provider, a new token (its secret shown once, with a copy
 * button), and the tokens with when each was last used, each revocable.
 */
export function DirectoryTokens({ serverUrl }: { serverUrl: string }) {
  const list = useCommand('listDirectoryTokens');
  const create = useCommand('createDirectoryToken');
  const revoke = useCommand('revokeDirectoryToken');
  const [tokens, setTokens] = useState<DirectoryToken[] | undefined>(undefined);
  const [name, setName] = useState('');
  const [made, setMade] = useState<{ name: string; secret: string } | undefined>(undefined);
  const [note, setNote] = useState('');
  const secretField = useRef<HTMLInputElement | null>(null);
  const reload = async () => {
    const answer = await list.run({});
    if (answer) setTokens(answer.tokens);
  };
  useEffect(() => void reload(), []);
  useEffect(() => secretField.current?.select(), [made]);
  const base = `${serverUrl.replace(/\/+$/, '')}/scim/v2`;

  return (
    <section class="card directory-tokens" aria-labelledby="scim-title" data-testid="directory-tokens">
      <h3 id="scim-title">{t('scim_title')}</h3>
      <p>{t('scim_intro')}</p>
      <label>
        {t('scim_baseUrl')}
        <input type="text" readOnly value={base} data-testid="scim-base-url" />
      </label>
      {made ? (
        <div role="status" data-testid="scim-secret">
          <h4>{t('scim_secretTitle', made.name)}</h4>
          <p>{t('scim_secretHint')}</p>
          <input
            ref={secretField}
            class="secret"
            type="text"
            readOnly
            value={made.secret}
            aria-label={t('scim_secretLabel')}
          />
          <div class="actions">
            <button
              type="button"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(made.secret);
                  setNote(t('scim_copied'));
                } catch {
                  setNote(t('scim_copyFailed'));
                }
              }}
            >
              {t('scim_copy')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                // The secret leaves the page: it is never shown again.
                setMade(undefined);
                setNote('');
              }}
            >
              {t('scim_done')}
            </button>
          </div>
          {note && <p>{note}</p>}
        </div>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const answer = await create.run({ name });
            if (!answer) return;
            setMade({ name: answer.token.name, secret: answer.secret });
            setName('');
            setNote('');
            await reload();
          }}
        >
          <label>
            {t('scim_tokenName')}
            <input
              type="text"
              value={name}
              maxLength={80}
              aria-describedby="scim-name-hint"
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <small id="scim-name-hint">{t('scim_tokenNameHint')}</small>
          <ProblemMessage problem={translated(create.problem)} />
          <div class="actions">
            <button type="submit" disabled={create.busy}>
              {create.busy ? t('scim_creating') : t('scim_create')}
            </button>
          </div>
        </form>
      )}
      <h4>{t('scim_tokens')}</h4>
      <ProblemMessage problem={translated(list.problem ?? revoke.problem)} />
      {tokens === undefined ? (
        <p>{t('scim_loading')}</p>
      ) : tokens.length === 0 ? (
        <p data-testid="scim-no-tokens">{t('scim_none')}</p>
      ) : (
        <table data-testid="scim-tokens">
          <thead>
            <tr>
              <th scope="col">{t('scim_colName')}</th>
              <th scope="col">{t('scim_colCreated')}</th>
              <th scope="col">{t('scim_colLastUsed')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('scim_revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>{when(token.createdAt)}</td>
                <td>{token.lastUsedAt === undefined ? t('scim_never') : when(token.lastUsedAt)}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="link danger"
                    aria-label={t('scim_revokeToken', token.name)}
                    disabled={revoke.busy}
                    onClick={async () => {
                      if (await revoke.run({ tokenId: token.id })) {
                        setNote(t('scim_revoked', token.name));
                        await reload();
                      }
                    }}
                  >
                    {t('scim_revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!made && note && <p role="status">{note}</p>}
    </section>
  );
}
