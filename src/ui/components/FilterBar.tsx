// The `/` filter line and its input handling, shared by the list views.
import { useMemo } from 'react';
import { compileFilter, type CompiledFilter } from '../filter.js';
import { useKeyLayer, useKeys } from '../keys.js';
import { keymap } from '../keymap.js';
import { useViewState } from '../hooks/useViewState.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { fit } from '../format.js';
import { Line } from './Line.js';

keymap.register([
  { id: 'filter.apply', keys: ['enter'], description: 'keep the filter and go back to the list', scope: 'filter' },
  { id: 'filter.cancel', keys: ['esc'], description: 'clear the filter', scope: 'filter' },
  {
    id: 'filter.erase',
    keys: ['backspace', 'delete'],
    description: 'erase a character (type to filter)',
    scope: 'filter',
  },
]);

export interface FilterState {
  text: string;
  editing: boolean;
  filter: CompiledFilter;
}

/** Filter text and editing mode for the list `id`; `/` starts editing, Esc clears. */
export function useFilter(id: string, active: boolean): FilterState {
  const [text, setText] = useViewState(`${id}.filter`, '');
  const [editing, setEditing] = useViewState(`${id}.filtering`, false);
  useKeys(
    {
      'list.filter': () => setEditing(true),
      'nav.back': () => setText(''),
    },
    { active: active && !editing },
  );
  useKeyLayer('filter', {
    active: active && editing,
    capture: (name, input, key) => {
      if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.backspace || key.delete) return false;
      if (name === 'space') {
        setText((t) => t + ' ');
        return true;
      }
      if (!input) return false;
      setText((t) => t + sanitizeLine(input));
      return true;
    },
  });
  useKeys(
    {
      'filter.apply': () => setEditing(false),
      'filter.cancel': () => {
        setText('');
        setEditing(false);
      },
      'filter.erase': () => setText((t) => t.slice(0, -1)),
    },
    { active: active && editing },
  );
  const filter = useMemo(() => compileFilter(text), [text]);
  return { text, editing, filter };
}

/** "n of M incidents", or "– incidents" before the first data (no total yet, which is not zero). */
export function countText(shown: number, total: number | undefined, noun: string): string {
  return total === undefined ? `– ${noun}` : `${shown} of ${total} ${noun}`;
}

/** One line: the filter text with a cursor while editing, its kind, and "n of M". */
export function FilterBar({
  state,
  shown,
  total,
  width,
  noun,
}: {
  state: FilterState;
  shown: number;
  total: number | undefined;
  width: number;
  noun: string;
}) {
  const theme = useTheme();
  // The same segments until something shown changes, so the line is not redrawn on every cursor move.
  const segments = useMemo(() => {
    const count = countText(shown, total, noun);
    if (!state.editing && !state.text) return [{ text: fit(`${count}   / filter`, width), style: theme.muted }];
    const kind = state.filter.error
      ? `not matchers yet: ${state.filter.error}`
      : state.filter.kind === 'matchers'
        ? 'matchers'
        : state.filter.kind === 'text'
          ? 'text'
          : '';
    const head = `/${state.text}${state.editing ? '▏' : ''}`;
    const rest = `  ${count}  ${kind}`;
    return [
      { text: head, style: theme.accent },
      { text: fit(rest, Math.max(0, width - head.length)), style: state.filter.error ? theme.error : theme.muted },
    ];
  }, [state.editing, state.text, state.filter, shown, total, noun, width, theme]);
  return <Line segments={segments} width={width} />;
}
