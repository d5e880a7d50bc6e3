// The silences list, drawn from rows and a cursor: state, time left, firing count, creator, matchers, comment.
// A silence that ends within 10 minutes while its alerts fire is marked ⚠. No state of its own.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { fit, fitLeft } from '../../format.js';
import type { Theme } from '../../theme.js';
import type { Prompt } from './prompt.js';
import type { SilenceRow } from './rows.js';
import { footerHints, keyChoice, keymap, type KeyContext } from '../../keymap.js';
import { SILENCES_PROMPT_KEYS } from './prompt-keys.js';

/** The prompt's own layer: its hints name only its keys. */
const PROMPT_CTX: KeyContext = { view: 'silences', layers: ['silences-prompt'], readOnly: false, selection: undefined };

export interface SilencesListProps {
  rows: SilenceRow[];
  cursor: { index: number; offset: number };
  showExpired: boolean;
  prompt: Prompt;
  width: number;
  height: number;
  theme: Theme;
  readOnly: boolean;
  /** Why the list may be incomplete or stale: Alertmanagers whose silences could not be read. */
  problem?: string;
}

export function SilencesList({
  rows,
  cursor,
  showExpired,
  prompt,
  width,
  height,
  theme,
  readOnly,
  problem,
}: SilencesListProps) {
  const listH = silenceListHeight(height, problem);
  const visible = rows.slice(cursor.offset, cursor.offset + listH);
  const w = { st: 9, left: 16, firing: 6, by: 12 };
  const rest = Math.max(10, width - (w.st + w.left + w.firing + w.by + 6));
  const mw = Math.ceil(rest * 0.6);
  const cw = Math.max(0, rest - mw - 1);
  const sel = rows[cursor.index];
  const hint = readOnly
    ? 'read-only context: no changes'
    : footerHints(keymap, ['silences'], { view: 'silences', layers: [], readOnly, selection: undefined });
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.muted} wrap="truncate">
        {fit('STATE', w.st)} {fit('ENDS', w.left)} {fitLeft('FIRING', w.firing)} {fit('BY', w.by)} {fit('MATCHERS', mw)}{' '}
        {fit('COMMENT', cw)}
      </Text>
      {problem ? (
        <Text {...theme.error} wrap="truncate">
          {problem}
        </Text>
      ) : null}
      {rows.length === 0 && problem ? null : rows.length === 0 ? (
        <Text {...theme.muted}>
          {showExpired ? 'no silences' : 'no active or pending silences (t shows recently expired ones)'}
        </Text>
      ) : (
        visible.map((r, i) => {
          const selected = cursor.offset + i === cursor.index;
          const stateStyle = r.status === 'active' ? theme.ok : r.status === 'pending' ? theme.accent : theme.muted;
          const line = (
            <>
              <Text {...(selected ? {} : stateStyle)}>{fit(r.status + (r.untilResolved ? '*' : ''), w.st)}</Text>{' '}
              <Text {...(r.expiringSoon && !selected ? theme.warning : {})}>
                {fit((r.expiringSoon ? '⚠ ' : '') + r.left, w.left)}
              </Text>{' '}
              {fitLeft(String(r.firing), w.firing)} {fit(r.createdBy, w.by)} {fit(r.matchers, mw)} {fit(r.comment, cw)}
            </>
          );
          return (
            <Text key={r.id} wrap="truncate" {...(selected ? theme.selection : {})}>
              {line}
            </Text>
          );
        })
      )}
      <Box flexGrow={1} />
      {prompt.kind === 'expire' ? (
        <Text {...theme.warning} wrap="truncate">
          Expire silence {prompt.id}
          {copiesNote(rows, prompt.id)}? It stops hiding its alerts now.{' '}
          {keyChoice(SILENCES_PROMPT_KEYS, ['silences-prompt.yes', 'silences-prompt.no'])}
        </Text>
      ) : prompt.kind === 'extend' ? (
        <Text wrap="truncate">
          Extend {prompt.id} by: <Text {...theme.accent}>{prompt.input}▏</Text> (e.g. 30m, 2h;{' '}
          {footerHints(keymap, ['silences-prompt'], PROMPT_CTX)})
          {prompt.error ? <Text {...theme.error}> ✗ {prompt.error}</Text> : null}
        </Text>
      ) : (
        <Text {...theme.muted} wrap="truncate">
          {sel
            ? `${sel.copies.length > 1 ? `${sel.copies.length} clusters: ` : ''}${sel.copies.join(' + ')}  ${sel.startsAt} → ${sel.endsAt}`
            : ''}{' '}
          {hint}
          {rows.some((r) => r.untilResolved) ? ' · * until resolved' : ''}
        </Text>
      )}
    </Box>
  );
}

/** Rows of silences that fit: the frame less the header, footer, spacing and the problem line when shown. */
export function silenceListHeight(height: number, problem?: string): number {
  return Math.max(1, height - 3 - (problem ? 1 : 0));
}

/** " and its copies on 2 other clusters" when the silence is one of several clusters' copies. */
function copiesNote(rows: SilenceRow[], id: string): string {
  const n = (rows.find((r) => r.id === id)?.copies.length ?? 1) - 1;
  return n > 0 ? ` and its ${n === 1 ? 'copy' : 'copies'} on ${n} other cluster${n === 1 ? '' : 's'}` : '';
}
