// The Rules view: the causal rules in effect (what `oncall rules` prints) and, beside them, the rules learned
// from the last 14 days of alert history (`oncall rules suggest`). `+` adds the selected suggestion to the
// context's causal_rules in the config file, comments kept; the new rule takes effect at the next start.
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useOncall } from '../../app-context.js';
import { useTheme } from '../../theme.js';
import { useKeys } from '../../keys.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useViewState } from '../../hooks/useViewState.js';
import { useKeyedListNav } from '../../hooks/useListNav.js';
import { fit } from '../../format.js';
import type { ViewProps } from '../registry.js';
import { loadHistory } from '../../../backends/review-inputs.js';
import { contextGroupingOptions } from '../../../app/incidents.js';
import { addCausalRule } from '../../../backends/config/add-causal-rule.js';
import { suggestRules } from '../../../domain/history/suggest.js';
import { evidenceComment, nameMatcher, ruleConfig } from '../../../domain/history/suggest-format.js';
import { formatMatcher } from '../../../domain/matchers.js';
import { sanitizeLine } from '../../../domain/sanitize.js';

const WINDOW_MS = 14 * 86400_000;

export function RulesView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const { context } = app.services;
  const [added, setAdded] = useViewState<string[]>('rules.added', []);
  const active = useMemo(() => {
    try {
      return contextGroupingOptions(context.settings).rules;
    } catch {
      return [];
    }
  }, [context]);
  const poll = usePoll(
    async () => {
      const until = app.services.now();
      const h = await loadHistory(app.services.prometheus(), { sinceMs: until - WINDOW_MS, untilMs: until });
      return suggestRules(h.history, { clusterLabel: context.settings.silence.cluster_label });
    },
    { backend: 'prom', intervalMs: 10 * 60_000, deps: [context] },
  );
  const activePairs = useMemo(
    () =>
      new Set(active.map((r) => `${r.cause.map(formatMatcher).join(',')} ${r.effect.map(formatMatcher).join(',')}`)),
    [active],
  );
  const suggested = useMemo(
    () =>
      (poll.data?.rules ?? []).map((r) => ({
        rule: r,
        key: `${r.cause}→${r.effect}`,
        state: added.includes(`${r.cause}→${r.effect}`)
          ? 'added'
          : activePairs.has(`${nameMatcher(r.cause)} ${nameMatcher(r.effect)}`)
            ? 'active'
            : 'new',
      })),
    [poll.data, added, activePairs],
  );
  const activeLines = Math.min(active.length, Math.max(2, Math.floor((height - 4) / 2)));
  const listHeight = Math.max(1, height - 4 - activeLines);
  const cursor = useKeyedListNav({
    stateKey: 'rules.cursor',
    items: suggested,
    keyOf: (s) => s.key,
    height: listHeight,
  });
  useKeys({
    'rules.add': () => {
      const s = suggested[cursor.index];
      if (!s) return;
      if (s.state !== 'new') {
        app.notify(`${s.key} is already ${s.state === 'added' ? 'added' : 'in effect'}`);
        return;
      }
      try {
        addCausalRule(context.configPath, context.name, ruleConfig(s.rule), evidenceComment(s.rule));
        setAdded((a) => [...a, s.key]);
        app.notify(
          `added ${s.key} to contexts.${context.name}.causal_rules in ${context.configPath} (in effect at the next start)`,
        );
      } catch (e) {
        app.notify(`could not add the rule: ${(e as Error).message}`, 'error');
      }
    },
  });
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
      <Text {...(poll.error ? theme.error : theme.muted)} wrap="truncate">
        {fit(
          sanitizeLine(
            poll.error
              ? `alert history unavailable: ${poll.error}`
              : poll.data
                ? `${poll.data.episodes} episodes${poll.data.excluded.length ? `; left out: ${poll.data.excluded.map((x) => `${x.alertname} (${x.reason})`).join(', ')}` : ''}`
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
