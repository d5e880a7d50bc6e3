// The whole TUI in ink-testing-library: incidents tree, navigation, detail pane, filter, help generated from the
// keymap, views, too-small screen, frame height, selection kept across refreshes, bell, backend-down header.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import {
  gpuStorm,
  KEYS,
  mkAlert,
  mountApp,
  NOW,
  okHealth,
  PushSource,
  dataOf,
  testServices,
} from './helpers/ui-app.js';
import { keymap } from '../src/ui/keymap.js';

afterEach(() => cleanup());

const lines = (f: string) => f.split('\n');
const lineWith = (f: string, s: string) => lines(f).find((l) => l.includes(s)) ?? '';
type App = Awaited<ReturnType<typeof mountApp>>;
/** Moves the cursor from the first row down to the row showing `name` (list rows start at line 5). */
async function goTo(app: App, name: string): Promise<void> {
  const i = lines(app.frame()).findIndex((l) => l.includes(name)) - 5;
  if (i < 0) throw new Error(`${name} is not on screen`);
  for (let k = 0; k < i; k++) await app.press('j');
}

describe('incidents view', () => {
  it('shows each incident as a tree, root first, symptoms indented under their cause', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    const f = await app.waitFor('GPUMemoryOOM');
    const ls = lines(f);
    const at = (n: string) => ls.findIndex((l) => l.includes(n));
    expect(at('GPUMemoryOOM')).toBeGreaterThan(0);
    for (const symptom of ['HighPredictionLatencyP99', 'HighErrorRateFastBurn']) {
      expect(at(symptom)).toBeGreaterThan(at('GPUMemoryOOM'));
      expect(at(symptom)).toBeLessThan(at('DiskSpaceLow'));
      expect(ls[at(symptom)]).toMatch(new RegExp(`[└├]─ ${symptom}`));
    }
    expect(ls[at('GPUMemoryOOM')]).toContain('[3]'); // three alerts in this incident
    expect(ls[at('PredictionDistributionShift')]).toMatch(/└─ PredictionDistributionShift/);
    expect(at('PredictionDistributionShift')).toBe(at('InputFeatureDrift') + 1);
    // DiskSpaceLow on the same host is an incident of its own, not part of the chain.
    expect(lineWith(f, 'DiskSpaceLow')).not.toMatch(/[└├]─/);
    expect(f).toContain('incidents 3: 1 crit 2 warn 0 info');
    expect(f).toContain('am: ok 0s');
    expect(f).toContain('ctx test-ctx');
  });

  it('sorts critical incidents first, then by age', async () => {
    const app = await mountApp({
      alerts: [
        mkAlert('QueueBacklog', 5, { instance: 'a' }),
        mkAlert('GPUMemoryOOM', 1, { severity: 'critical', instance: 'b' }),
        mkAlert('DiskSpaceLow', 50, { instance: 'c' }),
      ],
    });
    const f = await app.waitFor('GPUMemoryOOM');
    const order = ['GPUMemoryOOM', 'DiskSpaceLow', 'QueueBacklog'].map((n) => f.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('never shows raw escape sequences from alert text', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.waitFor('GPUMemoryOOM');
    await goTo(app, 'HighErrorRateFastBurn');
    await app.press(KEYS.enter);
    const f = await app.waitFor('Annotations');
    expect(f).toContain('burning fast red');
    expect(f).not.toContain('pwned');
    expect(f).not.toContain('\u001b');
  });
});

describe('navigation', () => {
  it('j/k and arrows move, Enter opens the selected alert, Esc goes back', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    const list = await app.waitFor('GPUMemoryOOM');
    const second = lines(list)[6]!.match(/─ (\w+)/)![1]!;
    const third = lines(list)[7]!.match(/─ (\w+)/)![1]!;
    await app.press('j', KEYS.enter);
    let f = await app.waitFor('Labels');
    expect(lines(f)[3]).toContain(second);
    expect(f).toContain('caused by: GPUMemoryOOM (causal rule)');
    await app.press(KEYS.esc);
    await app.waitFor('INCIDENT'); // a lone Esc is only known to be Esc once no more bytes follow
    await app.press(KEYS.down, 'k', 'j', KEYS.enter);
    f = await app.waitFor('Labels');
    expect(lines(f)[3]).toContain(third);
    await app.press(KEYS.esc);
    await app.waitFor('INCIDENT');
    await app.press(KEYS.up, KEYS.up, KEYS.enter);
    f = await app.waitFor('Labels');
    expect(lines(f)[3]).toContain('GPUMemoryOOM');
    expect(f).toContain('this alert is the root cause');
    expect(f).toContain('runbook (u): https://runbooks.example.com/gpu-oom');
    await app.press(KEYS.esc);
    f = await app.waitFor('INCIDENT');
    expect(f).not.toContain('Labels');
  });

  it('keys that arrive together (one read) are applied in order, each on the screen left by the previous one', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    const list = await app.waitFor('GPUMemoryOOM');
    const second = lines(list)[6]!.match(/─ (\w+)/)![1]!;
    app.stdin.write('j\r');
    let f = await app.waitFor('Labels');
    expect(lines(f)[3]).toContain(second);
    await app.press(KEYS.esc);
    await app.waitFor('INCIDENT');
    app.stdin.write('2/drift');
    f = await app.waitFor('/drift');
    expect(f).toContain('1 of 6 alerts');
  });

  it('G, g, PgDn and PgUp move by list ends and pages; only visible rows are rendered', async () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      mkAlert('DiskSpaceLow', i, { instance: `host-${String(i).padStart(3, '0')}` }),
    );
    const app = await mountApp({ alerts: many, rows: 30 });
    // Oldest first: host-299 started 299 minutes ago.
    let f = await app.waitFor('host-299');
    expect(f).toContain('300 of 300 incidents');
    expect(lines(f).length).toBeLessThanOrEqual(29);
    expect(f).not.toContain('host-000');
    await app.press('G', KEYS.enter);
    f = await app.waitFor('Labels');
    expect(f).toContain('instance=host-000');
    await app.press(KEYS.esc, 'g', KEYS.pageDown, KEYS.enter);
    f = await app.waitFor('Labels');
    const visibleRows = 30 - 1 - 4 - 2; // frame, chrome, filter line and column header
    expect(f).toContain(`instance=host-${String(299 - visibleRows).padStart(3, '0')}`);
    await app.press(KEYS.esc, KEYS.pageUp, KEYS.enter);
    f = await app.waitFor('Labels');
    expect(f).toContain('instance=host-299');
  });

  it('Tab and number keys switch views; q quits', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.waitFor('INCIDENT');
    await app.press(KEYS.tab);
    await app.waitFor('sort: severity');
    await app.press('1');
    await app.waitFor('INCIDENT');
    await app.press('2');
    await app.waitFor('6 of 6 alerts');
    await app.press(KEYS.shiftTab);
    await app.waitFor('INCIDENT');
    expect(app.exited).toBe(false);
    await app.press('q');
    expect(app.exited).toBe(true);
  });

  it('Ctrl-C quits even from a modal overlay', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.press('?');
    await app.waitFor('Esc closes)');
    await app.press(KEYS.ctrlC);
    expect(app.exited).toBe(true);
  });

  it('r asks the data source for a refresh', async () => {
    const source = new PushSource({ data: dataOf(gpuStorm()), health: [okHealth()] });
    const app = await mountApp({ source });
    await app.waitFor('GPUMemoryOOM');
    await app.press('r');
    expect(source.refreshes).toBe(1);
    await app.waitFor('refreshing');
    // The notice goes as soon as the refreshed data is on screen, not after its full time.
    source.push({ data: dataOf(gpuStorm(), NOW + 1), health: [okHealth('am', NOW + 1)] });
    await app.waitFor((f) => !f.includes('refreshing') && f.includes('GPUMemoryOOM'));
  });
});

describe('alerts view and filter', () => {
  it('filters with Alertmanager matchers and shows n of M', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.press('2', '/');
    await app.type('severity="critical"');
    let f = await app.waitFor('2 of 6 alerts');
    expect(f).toContain('matchers');
    expect(f).not.toContain('DiskSpaceLow');
    await app.press(KEYS.enter); // keep the filter, keys drive the list again
    await app.press('j', KEYS.enter);
    f = await app.waitFor('Labels');
    expect(f).toMatch(/severity=critical/);
    await app.press(KEYS.esc, KEYS.esc); // close the pane, then clear the filter
    await app.waitFor('6 of 6 alerts');
  });

  it('filters by free text, and explains half-typed matchers without hiding everything', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.press('2', '/');
    await app.type('drift');
    let f = await app.waitFor('1 of 6 alerts');
    expect(f).toContain('InputFeatureDrift');
    for (let i = 0; i < 5; i++) await app.press(KEYS.backspace);
    await app.type('alertname=~"(');
    f = await app.waitFor('not matchers yet');
    expect(f).toContain('6 of 6 alerts');
    await app.press(KEYS.esc);
    await app.waitFor('6 of 6 alerts   / filter');
  });

  it('typing in the filter does not trigger keys (q, j, 1 are text there)', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.press('2', '/');
    await app.type('qj1');
    const f = await app.waitFor('/qj1');
    expect(app.exited).toBe(false);
    expect(f).toContain('0 of 6 alerts');
  });

  it('the incidents view filters whole incidents', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.press('/');
    await app.type('alertname="HighErrorRateFastBurn"');
    await app.press(KEYS.enter);
    const f = await app.waitFor('1 of 3 incidents');
    expect(f).toContain('GPUMemoryOOM'); // the incident is shown whole, root included
    expect(f).not.toContain('DiskSpaceLow');
  });

  it('sorts by another column with > and inverts with I', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.press('2', '>');
    let f = await app.waitFor('sort: age');
    const byAge = ['DiskSpaceLow', 'InputFeatureDrift', 'PredictionDistributionShift', 'GPUMemoryOOM'].map((n) =>
      f.indexOf(n),
    );
    expect(byAge).toEqual([...byAge].sort((a, b) => a - b));
    await app.press('I');
    f = await app.waitFor('sort: age ↑');
    expect(f.indexOf('GPUMemoryOOM')).toBeLessThan(f.indexOf('DiskSpaceLow'));
  });
});

describe('help overlay', () => {
  it('is generated from the keymap registry, and the keys it lists work', async () => {
    let ran = 0;
    keymap.register([
      {
        id: 'test.poke',
        keys: ['x'],
        description: 'poke the test probe',
        scope: 'incidents',
        run: () => {
          ran++;
        },
      },
    ]);
    try {
      const app = await mountApp({ alerts: gpuStorm() });
      await app.press('?');
      const f = await app.waitFor('Esc closes)');
      for (const b of keymap.inScope('global')) expect(f).toContain(b.description);
      expect(f).toContain('poke the test probe');
      expect(lineWith(f, 'poke the test probe')).toMatch(/^\s+x\s/);
      await app.press(KEYS.esc);
      await app.waitFor('INCIDENT');
      await app.press('x');
      expect(ran).toBe(1);
    } finally {
      keymap.unregister('test.poke');
    }
  });

  it('lists the keys of the current view and overlay, not of other views', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.press('?');
    let f = await app.waitFor('Esc closes)');
    expect(f).not.toContain('invert the sort order');
    await app.press(KEYS.esc, '2', '?');
    f = await app.waitFor('Esc closes)');
    expect(f).toContain('invert the sort order');
    await app.press(KEYS.esc, KEYS.enter, '?');
    f = await app.waitFor('Esc closes)');
    expect(f).toContain('open the source (generator URL)');
  });
});

describe('layout', () => {
  it('keeps every frame at most rows - 1 lines, and re-lays out on resize', async () => {
    const many = Array.from({ length: 200 }, (_, i) => mkAlert('QueueBacklog', i, { instance: `h${i}` }));
    const app = await mountApp({ alerts: many, columns: 120, rows: 40 });
    let f = await app.waitFor('h199');
    expect(lines(f).length).toBeLessThanOrEqual(39);
    await app.resize(80, 20);
    f = await app.waitFor((x) => lines(x).length <= 19 && x.includes('h199'));
    expect(Math.max(...lines(f).map((l) => l.length))).toBeLessThanOrEqual(80);
    await app.press('?');
    f = await app.waitFor('Esc closes)');
    expect(lines(f).length).toBeLessThanOrEqual(19);
  });

  it('says the terminal is too small below the minimum, and recovers', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.waitFor('GPUMemoryOOM');
    await app.resize(50, 10);
    let f = await app.waitFor('terminal too small');
    expect(f).toContain('50x10');
    expect(lines(f).length).toBeLessThanOrEqual(9);
    await app.resize(100, 30);
    f = await app.waitFor('GPUMemoryOOM');
    expect(f).not.toContain('too small');
  });
});

describe('refreshes', () => {
  it('keeps the selection on the same alert when the list changes around it', async () => {
    const alerts = gpuStorm();
    const source = new PushSource({ data: dataOf(alerts), health: [okHealth()] });
    const app = await mountApp({ source });
    await app.waitFor('GPUMemoryOOM');
    await goTo(app, 'HighErrorRateFastBurn');
    // A new critical incident sorts above, shifting every row down by one.
    source.push({
      data: dataOf(
        [...alerts, mkAlert('ModelServerCrash', 40, { severity: 'critical', instance: 'gpu-9' })],
        NOW + 1000,
      ),
      health: [okHealth('am', NOW + 1000)],
    });
    await app.waitFor('ModelServerCrash');
    await app.press(KEYS.enter);
    const f = await app.waitFor('Labels');
    expect(lines(f)[3]).toContain('HighErrorRateFastBurn');
  });

  it('rings the bell for a new critical incident, not for the first load or a known one', async () => {
    let bells = 0;
    const alerts = gpuStorm();
    const source = new PushSource({ data: dataOf(alerts), health: [okHealth()] });
    const app = await mountApp({ source, onBell: () => bells++ });
    await app.waitFor('GPUMemoryOOM');
    expect(bells).toBe(0);
    source.push({ data: dataOf(alerts, NOW + 1), health: [okHealth()] });
    await app.press(); // let effects run
    expect(bells).toBe(0);
    source.push({
      data: dataOf(
        [...alerts, mkAlert('PredictionServiceDown', 1, { severity: 'critical', instance: 'gpu-7' })],
        NOW + 2,
      ),
      health: [okHealth()],
    });
    await app.waitFor('new critical incident');
    expect(bells).toBe(1);
    source.push({
      data: dataOf([...alerts, mkAlert('ThroughputDrop', 1, { severity: 'warning', instance: 'gpu-8' })], NOW + 3),
      health: [okHealth()],
    });
    await app.press();
    expect(bells).toBe(1);
  });

  it('does not ring when bell is off in the config', async () => {
    let bells = 0;
    const source = new PushSource({ data: dataOf(gpuStorm()), health: [okHealth()] });
    const app = await mountApp({ source, bell: false, onBell: () => bells++ });
    await app.waitFor('GPUMemoryOOM');
    source.push({
      data: dataOf(
        [...gpuStorm(), mkAlert('PredictionServiceDown', 1, { severity: 'critical', instance: 'gpu-7' })],
        NOW + 2,
      ),
      health: [okHealth()],
    });
    await app.waitFor('PredictionServiceDown');
    expect(bells).toBe(0);
  });

  it('says which Alertmanager has not answered, and why, while there is no data yet; r retries; the list follows', async () => {
    const down = {
      name: 'am',
      state: 'unreachable' as const,
      since: NOW - 5_000,
      error: 'alertmanager 127.0.0.1:9093: connection refused',
    };
    const source = new PushSource({ health: [down, okHealth('prom')] });
    const app = await mountApp({ source });
    let f = await app.waitFor('no answer yet: alertmanager 127.0.0.1:9093: connection refused');
    expect(f).toContain('retried every 15s, r retries now');
    expect(f).toContain('am: unreachable 5s (no data yet)');
    // No counts yet, rather than zeros that would read as all quiet.
    expect(f).toContain('incidents – │ alerts – (no data yet)');
    expect(f).not.toContain('incidents 0');
    expect(f).toContain('– incidents   / filter');
    expect(f).not.toContain('0 of 0');
    const before = source.refreshes;
    await app.press('r');
    expect(source.refreshes).toBeGreaterThan(before);
    // The alerts view says the same, not "no alerts".
    await app.press('2');
    f = await app.waitFor('no answer yet: alertmanager 127.0.0.1:9093');
    expect(f).not.toContain('all quiet');
    expect(f).toContain('– alerts   / filter');
    // And so do the silences, rather than "no silences".
    await app.press('6');
    f = await app.waitFor('no answer yet: alertmanager 127.0.0.1:9093');
    expect(f).not.toContain('no silences');
    await app.press('1');
    source.push({ data: dataOf(gpuStorm(), NOW), health: [okHealth('am'), okHealth('prom')] });
    f = await app.waitFor('GPUMemoryOOM');
    expect(f).not.toContain('no answer yet');
    expect(f).toMatch(/incidents 3: 1 crit/);
    expect(f).toContain('3 of 3 incidents');
  });

  it('shows a backend that went down as unreachable with the age of its last good data, keeping that data', async () => {
    const source = new PushSource({ data: dataOf(gpuStorm()), health: [okHealth('am'), okHealth('prom')] });
    const app = await mountApp({ source });
    await app.waitFor('am: ok 0s');
    source.push({
      health: [
        {
          name: 'am',
          state: 'unreachable',
          since: NOW - 120_000,
          lastOkAt: NOW - 150_000,
          error: 'connection refused',
        },
        okHealth('prom'),
      ],
    });
    const f = await app.waitFor('am: unreachable 2m (last good data 2m old)');
    expect(f).toContain('prom: ok');
    expect(f).toContain('GPUMemoryOOM'); // the last good data stays on screen
    source.push({ data: dataOf(gpuStorm(), NOW), health: [okHealth('am'), okHealth('prom')] });
    await app.waitFor('am: ok 0s');
  });
});

describe('silences in the header', () => {
  it('warns when a silence of yours ends within 10 minutes while its alerts still fire', async () => {
    const alerts = [
      mkAlert(
        'GPUMemoryOOM',
        30,
        { severity: 'critical', instance: 'gpu-1' },
        { state: 'suppressed', silencedBy: ['5f1c0ffee'] },
      ),
    ];
    const silence = {
      id: '5f1c0ffee0000000',
      matchers: [{ name: 'alertname', type: '=' as const, value: 'GPUMemoryOOM' }],
      startsAt: new Date(NOW - 3600_000).toISOString(),
      endsAt: new Date(NOW + 6 * 60_000).toISOString(),
      updatedAt: '',
      createdBy: 'alice',
      comment: 'maintenance',
      status: 'active' as const,
    };
    const mount = (author: string) => {
      const services = testServices();
      services.context.settings = { ...services.context.settings, author };
      return mountApp({
        services,
        source: new PushSource({ data: { ...dataOf(alerts), silences: [silence] }, health: [okHealth()] }),
      });
    };
    const mine = await mount('alice');
    const f = await mine.waitFor('your silence');
    expect(lineWith(f, 'your silence')).toMatch(/your silence 5f1c0ffe ends in 6m, 1/);
    cleanup();
    const other = await mount('bob');
    expect(await other.waitFor('GPUMemoryOOM')).not.toContain('your silence');
  });
});

describe('silence form in the app', () => {
  it('opens on the selection with s, takes typing, and Esc closes it', async () => {
    const app = await mountApp({ alerts: gpuStorm() });
    await app.waitFor('GPUMemoryOOM');
    await app.press('s');
    await app.waitFor('New silence');
    for (let i = 0; i < 5; i++) await app.press('\t'); // matchers (3 rows), add, duration → end
    await app.type('x');
    expect(await app.waitFor(/end\s+x/)).toMatch(/end\s+x/);
    await app.press(KEYS.esc);
    const f = await app.waitFor((fr) => !fr.includes('New silence'));
    expect(f).toContain('INCIDENT');
  });
});
