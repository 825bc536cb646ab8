import type { Workspace } from '../../lib/domain/workspace.ts';
import { t, tp } from '../../lib/ui/i18n.ts';

/** Several workspaces may be chosen for a whole selection; none chosen means Marketo's Default. */
export function WorkspacePicker({
  workspaces,
  selected,
  onChange,
}: {
  workspaces: readonly Workspace[];
  selected: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
}) {
  return (
    <fieldset class="workspaces">
      <legend>{t('access_workspacesLegend')}</legend>
      {workspaces.map((w) => (
        <label key={w.id} class="inline">
          <input
            type="checkbox"
            checked={selected.has(w.id)}
            onChange={() => {
              const next = new Set(selected);
              if (next.has(w.id)) next.delete(w.id);
              else next.add(w.id);
              onChange(next);
            }}
          />
          {w.name}
        </label>
      ))}
      <p class="hint">
        {selected.size === 0
          ? t('access_workspacesNoneChosen')
          : tp('access_workspacesChosen', selected.size, selected.size)}
      </p>
    </fieldset>
  );
}
