// The silence form, drawn from its state and what deriveForm made of it: matchers (✗ with the reason while
// invalid), duration presets, end, start, comment, author, until-resolved, the guardrail verdict, the live
// preview of matching firing alerts, and the confirm step. No state of its own.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { formatDuration } from '../../../domain/duration.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { describeAlert } from '../../../domain/silence/preview.js';
import { fit } from '../../format.js';
import type { Theme } from '../../theme.js';
import { fieldsOf, PRESETS, type Derived, type Field, type FormState } from './form-state.js';
import { footerHints, keyChoice, keymap } from '../../keymap.js';
import { SILENCE_FORM_KEYS } from './keys.js';

export interface SilenceFormProps {
  state: FormState;
  derived: Derived;
  width: number;
  height: number;
  theme: Theme;
}

const TITLES = { create: 'New silence', ack: 'Ack', edit: 'Edit silence', recreate: 'Re-create silence' } as const;

/** Lines the form needs besides the preview list. */
export function formChrome(s: FormState): number {
  return fieldsOf(s).length + 7;
}

export function previewHeight(s: FormState, height: number): number {
  return Math.max(1, height - formChrome(s));
}

export function SilenceForm({ state: s, derived: d, width, height, theme }: SilenceFormProps) {
  const fields = fieldsOf(s);
  const cur = Math.min(s.focus, fields.length - 1);
  const labelW = 14;
  const valueW = Math.max(10, width - labelW - 4);
  const row = (f: Field, i: number) => {
    const on = i === cur;
    const mark = on ? '›' : ' ';
    const style = on ? theme.selection : {};
    let label = '';
    let value = '';
    let err: string | undefined;
    switch (f.kind) {
      case 'matcher':
        label = i === 0 ? 'matchers' : '';
        value = s.matchers[f.index] ?? '';
        err = d.matcherErrors[f.index];
        break;
      case 'add':
        label = '';
        value = '+ add matcher (Enter)';
        break;
      case 'duration':
        label = 'duration';
        value = s.end.trim()
          ? '(set by end time)'
          : PRESETS.map((p, k) =>
              k === s.preset ? `[${p === 'custom' ? `custom: ${s.custom || '…'}` : p}]` : p === 'custom' ? 'custom' : p,
            ).join(' ');
        break;
      case 'end':
        label = 'end';
        value = s.end || (d.spec ? `${d.spec.endsAt} (from duration)` : '');
        break;
      case 'start':
        label = 'start';
        value = s.start || 'now (RFC 3339 for a planned window)';
        break;
      case 'comment':
        label = 'comment';
        value = s.comment || '(required)';
        break;
      case 'author':
        label = 'author';
        value = s.author;
        break;
      case 'untilResolved':
        label = 'until resolved';
        value = s.untilResolved ? '[x] expire when its alerts stop firing' : '[ ] expire when its alerts stop firing';
        break;
      case 'submit':
        label = '';
        value = s.mode === 'edit' ? '[ Save ]' : '[ Create ]';
        break;
    }
    return (
      <Text key={`${f.kind}${'index' in f ? f.index : ''}`} wrap="truncate">
        <Text {...theme.muted}>
          {mark} {fit(label, labelW)}
        </Text>
        <Text {...style}>{fit(sanitizeLine(value), Math.min(valueW, Math.max(1, sanitizeLine(value).length)))}</Text>
        {err ? <Text {...theme.error}> ✗ {err}</Text> : f.kind === 'matcher' ? <Text {...theme.ok}> ✓</Text> : null}
      </Text>
    );
  };
  const matched = d.verdict?.matched ?? [];
  const ph = previewHeight(s, height);
  const offset = Math.min(s.previewOffset, Math.max(0, matched.length - ph));
  const lasts = d.spec ? formatDuration(Date.parse(d.spec.endsAt) - Date.parse(d.spec.startsAt)) : '?';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...theme.title} wrap="truncate">
        {TITLES[s.mode]}
        {s.editId ? ` ${s.editId}` : ''}{' '}
        <Text {...theme.muted}>
          {footerHints(keymap, ['silence-form'], {
            view: '',
            layers: ['silence-form'],
            readOnly: false,
            selection: undefined,
          })}
        </Text>
      </Text>
      {fields.map(row)}
      {s.step === 'confirm' ? (
        <Text {...theme.warning} wrap="truncate">
          Create it? {keyChoice(SILENCE_FORM_KEYS, ['silence-form.yes', 'silence-form.no'])}:{' '}
          {s.confirmReasons.join('; ')}
        </Text>
      ) : s.step === 'submitting' ? (
        <Text {...theme.accent}>writing to the Alertmanagers…</Text>
      ) : s.result ? (
        <Text {...(s.result.ok ? theme.ok : theme.error)} wrap="truncate">
          {s.result.message}
          {s.step === 'done' ? '  (Enter closes)' : ''}
        </Text>
      ) : d.problems.length ? (
        <Text {...theme.error} wrap="truncate">
          ✗ {d.problems[0]}
          {d.problems.length > 1 ? ` (+${d.problems.length - 1} more)` : ''}
        </Text>
      ) : d.verdict?.confirmations.length ? (
        <Text {...theme.warning} wrap="truncate">
          needs confirmation: {d.verdict.confirmations.join('; ')}
        </Text>
      ) : (
        <Text {...theme.ok} wrap="truncate">
          ready: {lasts}
          {d.pending ? ', starts later' : ''}
        </Text>
      )}
      <Text {...theme.title} wrap="truncate">
        Preview: matches {matched.length} firing alert{matched.length === 1 ? '' : 's'}
        {d.verdict?.clusters.length
          ? ` in ${d.verdict.clusters.length} cluster${d.verdict.clusters.length === 1 ? '' : 's'} (${d.verdict.clusters.join(', ')})`
          : ''}
        {matched.length > ph ? (
          <Text {...theme.muted}>
            {' '}
            {offset + 1}-{Math.min(matched.length, offset + ph)} of {matched.length} (PgUp/PgDn)
          </Text>
        ) : null}
      </Text>
      {matched.slice(offset, offset + ph).map((a) => (
        <Text key={a.fingerprint} wrap="truncate">
          {' '}
          {fit(sanitizeLine(describeAlert(a)), Math.max(1, width - 2))}
        </Text>
      ))}
    </Box>
  );
}
