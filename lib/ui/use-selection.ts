import { useState } from 'preact/hooks';
import type { Member } from '../domain/member.ts';
import { rangeBetween } from './member-query.ts';

/** Selected member ids, with shift-click ranges over the rows as shown. */
export function useSelection(shown: readonly Member[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | undefined>(undefined);
  const toggle = (id: string, range: boolean) => {
    const next = new Set(selected);
    if (range && anchor !== undefined) {
      for (const inRange of rangeBetween(shown, anchor, id)) next.add(inRange);
    } else if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    setSelected(next);
    setAnchor(id);
  };
  const toggleAll = () => {
    const all = shown.length > 0 && shown.every((m) => selected.has(m.id));
    setSelected(all ? new Set() : new Set(shown.map((m) => m.id)));
  };
  const clear = () => setSelected(new Set());
  return { selected, toggle, toggleAll, clear };
}
