// The Rules view: the causal rules in effect (what `oncall rules` prints) and, beside them, the rules learned
// from the last 14 days of alert history (`oncall rules suggest`). `+` adds the selected suggestion to the
// context's causal_rules in the config file, comments kept; the new rule takes effect at the next start. The
// component draws what the state hook (./state.ts) holds; keys reach its actions through ./input.ts.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../format.js';
import type { ViewProps } from '../registry.js';
import { formatMatcher } from '../../../domain/matchers.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { useRulesState } from './state.js';
import { useRulesInput } from './input.js';

export function RulesView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useRulesState(height);
  useRulesInput(state);
  const { active, activeLines, suggested, cursor, listHeight, learned, error } = state;
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.title}>{fit(`In effect (${active.length})`, width)}</Text>
      {active.slice(0, activeLines).map((r, i) => (
        <Text key={i} wrap="truncate">
          {fit(
            sanitizeLine(
              `${String(i + 1).padStart(3)} ${r.origin.padEnd(7)} ${r.cause.map(formatMatcher).join(', ') || '(any)'} → ${r.effect.map(formatMatcher).join(', ') || '(any)'}  equal [${r.equal.join(', ')}]`,
            ),
            width,
          )}
        </Text>
      ))}
      <Text {...theme.title}>
        {fit(
          `Learned from the last 14 days of ALERTS (${suggested.length})   + adds the selection to the config`,
          width,
        )}
      </Text>
      <Text {...(error ? theme.error : theme.muted)} wrap="truncate">
        {fit(
          sanitizeLine(
            error
              ? `alert history unavailable: ${error}`
              : learned
                ? `${learned.episodes} episodes${learned.excluded.length ? `; left out: ${learned.excluded.map((x) => `${x.alertname} (${x.reason})`).join(', ')}` : ''}`
                : 'reading 14 days of alert history…',
          ),
          width,
        )}
      </Text>
      {suggested.slice(cursor.offset, cursor.offset + listHeight).map((s, i) => {
        const sel = cursor.offset + i === cursor.index;
        const e = s.rule.evidence;
        const line = `${s.state === 'new' ? '   ' : s.state === 'added' ? '[+]' : '[=]'} ${s.rule.cause} → ${s.rule.effect}  equal [${s.rule.equal.join(', ')}]  support ${e.support}, confidence ${Math.round(e.confidence * 100)}%/${Math.round(e.reverseConfidence * 100)}%, lift ${Math.round(e.lift * 10) / 10}`;
        return (
          <Text key={s.key} {...(sel ? theme.selection : s.state === 'new' ? {} : theme.muted)} wrap="truncate">
            {fit(sanitizeLine(line), width)}
          </Text>
        );
      })}
    </Box>
  );
}
