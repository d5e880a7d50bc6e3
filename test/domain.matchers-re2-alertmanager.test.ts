// Regexes against a real Alertmanager: for patterns where JavaScript's RegExp and Go's RE2 disagree (and
// some where RE2 is merely unusual), oncall's preview must name exactly the alerts Alertmanager silences, read
// back from `status.silencedBy`; patterns RE2 rejects are refused by oncall and by Alertmanager alike; a
// match-everything regex is refused by the CLI and never created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, isolatedEnv, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { parseAlerts } from '../src/backends/alertmanager-alerts.js';
import { formatMatcher, MatcherParseError, parseMatchers, type Matcher } from '../src/domain/matchers.js';
import { previewMatches } from '../src/domain/silence/preview.js';
import type { Alert } from '../src/domain/types.js';

/** Values chosen to tell the two engines apart: `\A` read as "A", `.` on a surrogate pair, \w on "é", … */
const VALUES = [
  'abc',
  'ABC',
  'Abc',
  'a.b',
  'axb',
  'a',
  'b',
  'ab',
  'ba',
  'aaa',
  'A',
  'Az',
  'z',
  'Qa.bE',
  'é',
  'e\u0301',
  'Ünïcode',
  'αβγ',
  '🔥',
  '🔥🔥',
  'line\nbreak',
  'a\nb',
  '٣',
  '123',
  'foo bar',
  'x_y',
  '-',
  'pL',
  'straße',
  'STRASSE',
  'K',
  '\u212a',
];

/** Patterns written as on the command line (inside "…", so a backslash is doubled). */
const PATTERNS = [
  '\\\\A.+',
  'a\\\\z',
  '.+\\\\z',
  '\\\\pL+',
  '\\\\p{Greek}+',
  '\\\\PL+',
  '[[:alpha:]]+',
  '[[:^alpha:]]+',
  '[[:upper:]][[:lower:]]+',
  '\\\\Qa.b\\\\E',
  '(?i)abc',
  '(?i)k',
  '(?s)line.break',
  'line.break',
  'a.b',
  '(?U)a+',
  '(?P<x>a)|(?P<x>b)',
  '\\\\x{1F525}',
  '.',
  '..',
  '[^a]*',
  '\\\\d+',
  '\\\\w+',
  '\\\\S+',
  '(?m)^b$',
  '(?m)a$',
  '\\\\bA',
  'é',
  'e\\\\x{301}',
  '(?i)straße',
  'a{2,}',
  '(a|ab)(c|bcd)?',
  '\\\\x41.*',
  '\\\\101',
  '[\\\\d\\\\-]+',
];

interface ApiAlert {
  fingerprint: string;
  labels: Record<string, string>;
  status: { silencedBy: string[] };
}

describe('oncall reads regexes as a real Alertmanager does', () => {
  let am: ServerHandle;
  let alerts: Alert[];
  const env = isolatedEnv({ USER: 'tester' });

  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(
      am.url,
      VALUES.map((v, i) => ({ labels: { alertname: 'ReTest', i: String(i), v } })),
    );
    await waitForAlerts(am.url, VALUES.length);
    alerts = parseAlerts(await (await fetch(`${am.url}/api/v2/alerts`)).json());
  });
  afterAll(async () => am?.stop());

  const ids = async () =>
    ((await (await fetch(`${am.url}/api/v2/silences`)).json()) as { id: string }[])
      .map((x) => x.id)
      .sort()
      .join();

  async function silence(matchers: Matcher[]): Promise<{ status: number; body: string }> {
    const res = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        matchers: matchers.map((m) => ({
          name: m.name,
          value: m.value,
          isRegex: m.type.endsWith('~'),
          isEqual: !m.type.startsWith('!'),
        })),
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
        createdBy: 'test',
        comment: 'test',
      }),
    });
    return { status: res.status, body: await res.text() };
  }

  it('previews exactly the alerts Alertmanager silences, for =~ and !~', async () => {
    const made: [string, string[], string][] = [];
    for (const p of PATTERNS) {
      for (const op of ['=~', '!~']) {
        const text = `alertname="ReTest", v${op}"${p}"`;
        const ms = parseMatchers(text);
        const r = await silence(ms);
        expect(r.status, `${text}: ${r.body}`).toBe(200);
        made.push([
          JSON.parse(r.body).silenceID,
          previewMatches(ms, alerts)
            .map((a) => a.fingerprint)
            .sort(),
          ms.map(formatMatcher).join(', '),
        ]);
      }
    }
    const now = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as ApiAlert[];
    const mismatches: string[] = [];
    for (const [id, preview, text] of made) {
      const silenced = now
        .filter((a) => a.status.silencedBy.includes(id))
        .map((a) => a.fingerprint)
        .sort();
      if (JSON.stringify(silenced) !== JSON.stringify(preview)) {
        const show = (fps: string[]) =>
          fps.map((f) => JSON.stringify(now.find((a) => a.fingerprint === f)!.labels.v)).join(' ');
        mismatches.push(`${text}: Alertmanager silences [${show(silenced)}], oncall previews [${show(preview)}]`);
      }
    }
    expect(mismatches).toEqual([]);
    // The values do tell the engines apart: every pattern catches something and leaves something out.
    expect(made.filter(([, p]) => p.length > 0 && p.length < VALUES.length).length).toBeGreaterThan(PATTERNS.length);
  });

  it.each(['(?=a)a', '(a)\\\\1', 'a(?<=a)', 'a++', '\\\\C', 'a{1001}', '[[:foo:]]', 'a)|(b', '\\\\pX'])(
    'refuses %s as Alertmanager does, with a position',
    async (p) => {
      const text = `alertname=~"${p}"`;
      let err: unknown;
      try {
        parseMatchers(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(MatcherParseError);
      expect((err as MatcherParseError).reason).toMatch(/^invalid regular expression/);
      expect((err as MatcherParseError).position).toBeGreaterThanOrEqual(13);
      const raw = p.replace(/\\\\/g, '\\');
      const r = await silence([{ name: 'alertname', type: '=~', value: raw }]);
      expect(r.status, r.body).toBe(400);
    },
  );

  it('refuses a match-everything regex written with RE2-only syntax, and creates nothing', async () => {
    const before = await ids();
    for (const m of [
      'alertname=~"\\A.+"',
      'alertname=~"(?s).*"',
      'alertname=~"[\\pL\\PL]+"',
      'alertname=~".+\\z"',
      'alertname!~""',
      'alertname!=""',
    ]) {
      const r = await runCli(['silence', 'add', m, '--comment', 'test', '--alertmanager', am.url], { env });
      expect(r.code, `${m}: ${r.stderr}`).toBe(2);
      expect(r.stderr, m).toMatch(/refused: .*matches every value of alertname/);
      const yes = await runCli(['silence', 'add', m, '--comment', 'test', '--yes', '--alertmanager', am.url], { env });
      expect(yes.code, m).toBe(2);
    }
    expect(await ids()).toBe(before);
  });

  it('asks for confirmation when it cannot tell, and reports a rejected regex with its position', async () => {
    const before = await ids();
    const unsure = await runCli(
      ['silence', 'add', 'alertname!=""', 'alertname!~"\\bx\\B"', '--comment', 'test', '--alertmanager', am.url],
      { env },
    );
    expect(unsure.code).not.toBe(0);
    expect(unsure.stderr).toMatch(/cannot tell whether alertname!~.* excludes any value/);
    const bad = await runCli(['silence', 'add', 'alertname=~"a(?=b)"', '--comment', 'test', '--alertmanager', am.url], {
      env,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /invalid regular expression "a\(\?=b\)": invalid or unsupported Perl syntax.*position 14/,
    );
    expect(await ids()).toBe(before);
    const dry = JSON.parse(
      (
        await runCli(
          [
            'silence',
            'add',
            'alertname="ReTest"',
            'v=~"\\pL+"',
            '--comment',
            'x',
            '--dry-run',
            '--json',
            '--alertmanager',
            am.url,
          ],
          { env },
        )
      ).stdout,
    );
    expect(dry.matched.map((a: Alert) => a.labels.v).sort()).toEqual(
      previewMatches(parseMatchers('alertname="ReTest", v=~"\\\\pL+"'), alerts)
        .map((a) => a.labels.v)
        .sort(),
    );
  });
});
