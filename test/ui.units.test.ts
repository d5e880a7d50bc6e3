// Pure parts of the TUI: keymap and dispatcher priorities, list cursor, filter, health lines, app reducer,
// incident rows, ordering, chunking, detail content, theme, terminal restore.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { Keymap, displayKey, helpSections, keyNameOf, type KeyContext } from '../src/ui/keymap.js';
import { KeyDispatcher, keyForChar } from '../src/ui/keys.js';
import { clamp, move, positionText, reanchor, START } from '../src/ui/list.js';
import { compileFilter } from '../src/ui/filter.js';
import { describeHealth, initialHealth, nextHealth } from '../src/ui/data/health.js';
import { appReducer, initialState, newCriticalIncidents, countData } from '../src/ui/app-state.js';
import { incidentSize, listTotal, noDataYet, type AlertData } from '../src/ui/app-context.js';
import { filterIncidents, IncidentRowIndex, rowKey } from '../src/ui/views/incidents/rows.js';
import { sortIncidents } from '../src/ui/data/sort.js';
import { chunkIncidents, firstPicture } from '../src/ui/data/protocol.js';
import { treeRows } from '../src/domain/incidents/tree.js';
import { Inbox } from '../src/ui/data/inbox.js';
import { DataAssembler, startEarly, type SourceUpdate } from '../src/ui/data/source.js';
import { detailLines } from '../src/ui/overlays/detail-lines.js';
import { colorTheme, noColorTheme, wantsNoColor } from '../src/ui/theme.js';
import { enterAlternateScreen, ENTER, LEAVE } from '../src/ui/terminal.js';
import { dataOf, gpuStorm, mkAlert, NOW, okHealth } from './helpers/ui-app.js';
import { OncallError } from '../src/domain/errors.js';
import { countText } from '../src/ui/components/FilterBar.js';

const ctx: KeyContext = { view: 'incidents', layers: [], readOnly: false, selection: undefined };
const key = (over: Partial<Key> = {}): Key => ({ ...keyForChar('x'), ...over });

describe('keymap', () => {
  it('names keys as Ink reports them', () => {
    expect(keyNameOf('', key({ downArrow: true }))).toBe('down');
    expect(keyNameOf('', key({ pageUp: true }))).toBe('pageup');
    expect(keyNameOf('', key({ return: true }))).toBe('enter');
    expect(keyNameOf('', key({ escape: true, meta: true }))).toBe('esc');
    expect(keyNameOf('', key({ tab: true, shift: true }))).toBe('shift+tab');
    expect(keyNameOf('c', key({ ctrl: true }))).toBe('ctrl+c');
    expect(keyNameOf('j', key({ meta: true }))).toBe('meta+j');
    expect(keyNameOf('G', key({ shift: true }))).toBe('G');
    expect(keyNameOf(' ', key())).toBe('space');
    expect(displayKey('ctrl+c')).toBe('Ctrl-C');
    expect(displayKey('pagedown')).toBe('PgDn');
  });

  it('refuses a key bound twice in one scope, allows it in another, replaces by id', () => {
    const km = new Keymap();
    km.register([{ id: 'a.one', keys: ['x'], description: 'one', scope: 'alerts' }]);
    expect(() => km.register([{ id: 'a.two', keys: ['y', 'x'], description: 'two', scope: 'alerts' }])).toThrow(
      OncallError,
    );
    km.register([{ id: 'i.one', keys: ['x'], description: 'other scope', scope: 'incidents' }]);
    km.register([{ id: 'a.one', keys: ['z'], description: 'moved', scope: 'alerts' }]);
    expect(km.inScope('alerts').map((b) => b.keys)).toEqual([['z']]);
  });

  it('builds help from the bindings, leaving out hidden ones and those whose `when` fails', () => {
    const km = new Keymap();
    km.register([
      { id: 'g.q', keys: ['q', 'ctrl+c'], description: 'quit', scope: 'global' },
      { id: 'g.hidden', keys: ['Q'], description: 'secret', scope: 'global', hidden: true },
      { id: 'g.rw', keys: ['s'], description: 'silence', scope: 'global', when: (c) => !c.readOnly },
      { id: 'i.x', keys: ['x'], description: 'incident thing', scope: 'incidents' },
    ]);
    const scopes = [
      { scope: 'incidents', title: 'Incidents' },
      { scope: 'global', title: 'Everywhere' },
    ];
    expect(helpSections(km, scopes, ctx)).toEqual([
      { scope: 'incidents', title: 'Incidents', rows: [{ keys: 'x', description: 'incident thing' }] },
      {
        scope: 'global',
        title: 'Everywhere',
        rows: [
          { keys: 'q Ctrl-C', description: 'quit' },
          { keys: 's', description: 'silence' },
        ],
      },
    ]);
    expect(helpSections(km, scopes, { ...ctx, readOnly: true })[1]!.rows.map((r) => r.description)).toEqual(['quit']);
  });
});

describe('key dispatcher priorities', () => {
  function setup() {
    const km = new Keymap();
    km.register([
      { id: 'g.quit', keys: ['q', 'ctrl+c'], description: 'quit', scope: 'global' },
      { id: 'g.down', keys: ['j'], description: 'down', scope: 'global' },
      { id: 'v.j', keys: ['j'], description: 'view down', scope: 'incidents' },
      { id: 'h.close', keys: ['esc'], description: 'close', scope: 'help' },
      { id: 'g.static', keys: ['r'], description: 'refresh', scope: 'global', run: () => log.push('run r') },
    ]);
    const log: string[] = [];
    const d = new KeyDispatcher(km);
    d.ctx = ctx;
    d.api = {} as never;
    for (const id of ['g.quit', 'g.down', 'v.j', 'h.close']) d.addHandler(id, () => log.push(id));
    return { d, log };
  }

  it('a view binding wins over a global one; a binding without a handler falls through', () => {
    const { d, log } = setup();
    d.dispatch('j', keyForChar('j'));
    expect(log).toEqual(['v.j']);
    d.ctx = { ...ctx, view: 'alerts' };
    d.dispatch('j', keyForChar('j'));
    d.dispatch('r', keyForChar('r'));
    d.dispatch('z', keyForChar('z'));
    expect(log).toEqual(['v.j', 'g.down', 'run r']);
  });

  it('a modal layer sees keys first and keeps them from the view and global bindings, except Ctrl-C', () => {
    const { d, log } = setup();
    const typed: string[] = [];
    const pop = d.pushLayer('help', {
      capture: (name) => {
        if (name.length === 1 && name !== 'q') {
          typed.push(name);
          return true;
        }
        return false;
      },
    });
    d.dispatch('j', keyForChar('j'));
    d.dispatch('q', keyForChar('q'));
    d.dispatch('', key({ escape: true }));
    d.dispatch('c', key({ ctrl: true }));
    expect(typed).toEqual(['j']);
    expect(log).toEqual(['h.close', 'g.quit']);
    pop();
    d.dispatch('q', keyForChar('q'));
    expect(log).toEqual(['h.close', 'g.quit', 'g.quit']);
  });

  it("layers sharing an id act as one: an overlay host pushed on top does not hide the overlay input's capture", () => {
    const { d, log } = setup();
    const typed: string[] = [];
    d.pushLayer('form', {
      capture: (name) => {
        typed.push(name);
        return true;
      },
    }); // the overlay's input (child effect runs first)
    d.pushLayer('form', { modal: true }); // the host around it
    d.dispatch('\t', keyForChar('\t'));
    d.dispatch('', key({ escape: true }));
    expect(typed).toEqual(['tab', 'esc']);
    expect(log).toEqual([]);
    expect(d.layerIds()).toEqual(['form']);
  });

  it('a non-modal layer lets unhandled keys through', () => {
    const { d, log } = setup();
    d.pushLayer('detail', { modal: false });
    d.dispatch('j', keyForChar('j'));
    expect(log).toEqual(['v.j']);
  });

  it('Esc read together with the next key (Alt-j) counts as both', () => {
    const { d, log } = setup();
    d.pushLayer('help', {});
    d.dispatch('j', key({ meta: true }));
    expect(log).toEqual(['h.close']);
  });
});

describe('list cursor', () => {
  const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
  const keyAt = (i: number) => keys[i];
  it('moves, pages and clamps, keeping the cursor on screen', () => {
    let c = move(START, 'down', 100, 10, keyAt);
    expect(c).toEqual({ index: 1, offset: 0, key: 'k1' });
    c = move(c, 'pageDown', 100, 10, keyAt);
    expect(c).toMatchObject({ index: 11, offset: 10 });
    c = move(c, 'bottom', 100, 10, keyAt);
    expect(c).toMatchObject({ index: 99, offset: 90 });
    c = move(c, 'down', 100, 10, keyAt);
    expect(c.index).toBe(99);
    c = move(c, 'top', 100, 10, keyAt);
    expect(c).toMatchObject({ index: 0, offset: 0 });
    expect(clamp({ index: 50, offset: 0 }, 100, 10)).toEqual({ index: 50, offset: 41 });
    expect(clamp({ index: 5, offset: 3 }, 0, 10)).toEqual({ index: 0, offset: 0 });
    expect(positionText({ index: 4, offset: 0 }, 20)).toBe('5 of 20');
  });

  it('finds the selected row again by key after the rows changed, at the same screen line', () => {
    const moved = ['new', ...keys];
    const c = reanchor(
      { index: 30, offset: 25, key: 'k30' },
      101,
      10,
      (k) => moved.indexOf(k),
      (i) => moved[i],
    );
    expect(c).toEqual({ index: 31, offset: 26, key: 'k30' });
    const gone = reanchor(
      { index: 30, offset: 25, key: 'zz' },
      101,
      10,
      () => undefined,
      (i) => moved[i],
      () => 7,
    );
    expect(gone.index).toBe(7);
  });

  it('keeps the selection through a moment without rows (a view switched away and back polls its rows again)', () => {
    const at = { index: 30, offset: 25, key: 'k30' };
    const none = reanchor(
      at,
      0,
      10,
      () => undefined,
      () => undefined,
    );
    expect(none).toEqual(at);
    const back = reanchor(
      none,
      101,
      10,
      (k) => keys.indexOf(k),
      (i) => keys[i],
    );
    expect(back).toEqual({ index: 30, offset: 25, key: 'k30' });
  });
});

describe('filter', () => {
  const alerts = gpuStorm();
  const count = (text: string) => alerts.filter(compileFilter(text).test).length;
  it('uses Alertmanager matchers when the text is matchers', () => {
    expect(compileFilter('severity="critical"').kind).toBe('matchers');
    expect(count('severity="critical"')).toBe(2);
    expect(count('alertname=~"High.*", severity!="critical"')).toBe(1);
    expect(count('{model="ranker"}')).toBe(2);
  });
  it('falls back to case-insensitive free text, and never hides everything for half-typed matchers', () => {
    expect(compileFilter('DRIFT').kind).toBe('text');
    expect(count('DRIFT')).toBe(1);
    expect(count('gpu memory critically')).toBe(1); // the summary
    expect(count('critically GPU')).toBe(1); // every word, in any order
    expect(count('prod ranker')).toBe(2); // across labels: cluster and model
    expect(count('staging ranker')).toBe(0);
    const half = compileFilter('alertname=~"(');
    expect(half.error).toMatch(/position/);
    expect(alerts.filter(half.test)).toHaveLength(alerts.length);
    expect(compileFilter('  ').kind).toBe('none');
  });
});

describe('backend health', () => {
  it('keeps "since" while the state holds and the last good time through an outage', () => {
    let h = initialHealth('am', 0);
    expect(describeHealth(h, 0)).toBe('am: loading');
    h = nextHealth(h, { ok: true }, 1000);
    h = nextHealth(h, { ok: true }, 4000);
    expect(describeHealth(h, 7000)).toBe('am: ok 3s');
    h = nextHealth(h, { ok: false, error: 'refused' }, 10_000);
    h = nextHealth(h, { ok: false, error: 'refused' }, 70_000);
    expect(describeHealth(h, 130_000)).toBe('am: unreachable 2m (last good data 2m old)');
    expect(h.error).toBe('refused');
    h = nextHealth(h, { ok: true }, 140_000);
    expect(describeHealth(h, 140_000)).toBe('am: ok 0s');
    expect(describeHealth(nextHealth(initialHealth('prom', 0), { ok: false, error: 'x' }, 5000), 65_000)).toBe(
      'prom: unreachable 1m (no data yet)',
    );
  });
});

describe('app state', () => {
  it('switching views closes overlays; an overlay opened twice is on top once', () => {
    let s = initialState('incidents', NOW);
    s = appReducer(s, { type: 'openOverlay', id: 'detail', props: { fingerprint: 'a' } });
    s = appReducer(s, { type: 'openOverlay', id: 'help' });
    s = appReducer(s, { type: 'openOverlay', id: 'detail', props: { fingerprint: 'b' } });
    expect(s.overlays).toEqual([
      { id: 'help', props: undefined },
      { id: 'detail', props: { fingerprint: 'b' } },
    ]);
    s = appReducer(s, { type: 'closeOverlay' });
    expect(s.overlays.map((o) => o.id)).toEqual(['help']);
    s = appReducer(s, { type: 'view', view: 'alerts' });
    expect(s).toMatchObject({ view: 'alerts', overlays: [] });
  });

  it('keeps the last good data when a refresh brings only health', () => {
    const data = dataOf(gpuStorm());
    let s = appReducer(initialState('incidents', NOW), {
      type: 'data',
      data,
      health: [{ name: 'am', state: 'ok', since: NOW, lastOkAt: NOW }],
    });
    s = appReducer(s, {
      type: 'data',
      health: [
        { name: 'am', state: 'unreachable', since: NOW, lastOkAt: NOW },
        { name: 'prom', state: 'ok', since: NOW },
      ],
    });
    expect(s.data).toBe(data);
    expect(s.health.map((h) => `${h.name}:${h.state}`)).toEqual(['am:unreachable', 'prom:ok']);
  });

  it('a wait notice goes when data made after it, or a failure, arrives; other notices stay their time', () => {
    const am = [okHealth()];
    let s = appReducer(initialState('incidents', NOW), {
      type: 'notice',
      message: 'refreshing…',
      level: 'info',
      at: NOW,
      untilData: true,
    });
    // Data from a load that began before the key press is not the answer.
    s = appReducer(s, { type: 'data', data: dataOf(gpuStorm(), NOW - 1), health: am });
    expect(s.notice?.message).toBe('refreshing…');
    s = appReducer(s, { type: 'data', data: dataOf(gpuStorm(), NOW + 20), health: am });
    expect(s.notice).toBeUndefined();
    s = appReducer(s, { type: 'notice', message: 'refreshing…', level: 'info', at: NOW + 30, untilData: true });
    s = appReducer(s, { type: 'data', health: [{ name: 'am', state: 'unreachable', since: NOW + 40, lastOkAt: NOW }] });
    expect(s.notice).toBeUndefined();
    s = appReducer(s, { type: 'notice', message: 'silence created', level: 'info', at: NOW + 50 });
    s = appReducer(s, { type: 'data', data: dataOf(gpuStorm(), NOW + 60), health: am });
    expect(s.notice?.message).toBe('silence created');
  });

  it("a backend's health between refreshes changes that backend only, and is no answer to a wait notice", () => {
    const data = dataOf(gpuStorm());
    let s = appReducer(initialState('incidents', NOW), {
      type: 'data',
      data,
      health: [okHealth(), initialHealth('prom', NOW)],
    });
    s = appReducer(s, { type: 'notice', message: 'refreshing…', level: 'info', at: NOW + 10, untilData: true });
    s = appReducer(s, { type: 'data', healthOnly: true, health: [okHealth('prom', NOW + 20)] });
    expect(s.data).toBe(data);
    expect(s.health.map((h) => `${h.name}:${h.state}`)).toEqual(['am:ok', 'prom:ok']);
    // The refresh asked for is still under way: its notice stays until its answer.
    expect(s.notice?.message).toBe('refreshing…');
    s = appReducer(s, { type: 'data', data: dataOf(gpuStorm(), NOW + 30), health: [okHealth()] });
    expect(s.notice).toBeUndefined();
    // A Prometheus that had answered and now fails says why in the status line, as after a refresh.
    s = appReducer(s, {
      type: 'data',
      healthOnly: true,
      health: [
        { name: 'prom', state: 'unreachable', since: NOW + 40, lastOkAt: NOW + 20, error: 'timed out after 10s' },
      ],
    });
    expect(s.data?.generatedAt).toBe(NOW + 30);
    expect(s.notice).toMatchObject({
      level: 'error',
      message: 'prom: timed out after 10s (showing the last good data)',
    });
  });

  it('before the UI listens, a health-only update is merged into what it will start from', () => {
    let emit: (u: SourceUpdate) => void = () => {};
    const early = startEarly({ start: (on) => (emit = on), refresh: () => {}, stop: () => {} }, [
      initialHealth('am', NOW),
      initialHealth('prom', NOW),
    ]);
    emit({ health: [okHealth()], data: dataOf(gpuStorm()) });
    emit({ health: [{ name: 'prom', state: 'unreachable', since: NOW, error: 'timed out' }], healthOnly: true });
    expect(early.health!().map((h) => `${h.name}:${h.state}`)).toEqual(['am:ok', 'prom:unreachable']);
    const got: SourceUpdate[] = [];
    early.start((u) => got.push(u));
    expect(got).toHaveLength(1);
    expect(got[0]!.data?.alerts.length).toBeGreaterThan(0);
  });

  it('news for the bell: new active critical incidents only', () => {
    const before = dataOf(gpuStorm());
    expect(newCriticalIncidents(undefined, before)).toEqual([]);
    const silenced = mkAlert(
      'PredictionServiceDown',
      1,
      { severity: 'critical', instance: 'x' },
      { state: 'suppressed', silencedBy: ['s1'] },
    );
    const fresh = mkAlert('ModelServerCrash', 1, { severity: 'critical', instance: 'y' });
    const warn = mkAlert('QueueBacklog', 1, { instance: 'z' });
    const news = newCriticalIncidents(before, dataOf([...gpuStorm(), silenced, fresh, warn]));
    expect(news.map((i) => i.alerts[0]!.labels.alertname)).toEqual(['ModelServerCrash']);
    // The rest of the first load after a storm's first picture (its top incidents only) is not news either.
    const top = { ...before, incidents: before.incidents.slice(0, 1), arriving: { incidents: 3, alerts: 6 } };
    expect(newCriticalIncidents(top, dataOf([...gpuStorm(), silenced, fresh, warn]))).toEqual([]);
    // Its lists count what they will hold, and say that more is arriving.
    expect(listTotal(top, 'incidents')).toEqual({ total: 3, noun: 'incidents (more arriving)' });
    expect(listTotal(top, 'alerts')).toEqual({ total: 6, noun: 'alerts (more arriving)' });
    expect(listTotal(before, 'incidents')).toEqual({ total: 3, noun: 'incidents' });
    expect(listTotal(undefined, 'alerts')).toEqual({ total: undefined, noun: 'alerts' });
    expect(countText(0, undefined, 'alerts')).toBe('– alerts');
    expect(countText(0, 0, 'alerts')).toBe('0 of 0 alerts');
    expect(countText(40, 200, 'incidents (more arriving)')).toBe('40 of 200 incidents (more arriving)');
    // Before the first answer: loading, or which Alertmanager failed and why.
    const backend = (name: string, error?: string) =>
      error
        ? { name, state: 'unreachable' as const, since: NOW, error }
        : { name, state: 'loading' as const, since: NOW };
    expect(noDataYet([backend('am'), backend('prom', 'HTTP 503')], 30_000)).toBe(
      'loading alerts from the Alertmanager…',
    );
    expect(
      noDataYet(
        [
          backend('am 10.0.0.1:9093', 'alertmanager 10.0.0.1:9093: timeout'),
          backend('am 10.0.0.2:9093'),
          backend('prom', 'HTTP 503'),
        ],
        60_000,
      ),
    ).toBe('no answer yet: alertmanager 10.0.0.1:9093: timeout · retried every 1m, r retries now');
    expect(noDataYet([{ name: 'am', state: 'unreachable', since: NOW }], 30_000)).toBe(
      'no answer yet: am: no answer · retried every 30s, r retries now',
    );
    // An incident the picture holds only the first alerts of is still counted whole.
    const inc = before.incidents[0]!;
    const cut = { ...top, arriving: { ...top.arriving, cut: { id: inc.id, alerts: 40 } } };
    expect(incidentSize(cut, inc)).toBe(40);
    expect(incidentSize(cut, before.incidents[1]!)).toBe(before.incidents[1]!.alerts.length);
    expect(incidentSize(before, inc)).toBe(inc.alerts.length);
    expect(countData(before)).toMatchObject({
      incidents: { critical: 1, warning: 2, info: 0, total: 3 },
      alerts: { total: 6, suppressed: 0 },
    });
  });
});

describe('header counts', () => {
  it('are made as the chunks arrive and agree with a count of the finished data', () => {
    const storm = [
      ...gpuStorm(),
      mkAlert(
        'PredictionServiceDown',
        1,
        { severity: 'critical', instance: 'x' },
        { state: 'suppressed', silencedBy: ['s1'] },
      ),
    ];
    const whole = dataOf(storm);
    const asm = new DataAssembler();
    for (const inc of whole.incidents) asm.add([inc]);
    const chunked = asm.finish(NOW, []);
    const sev = (s: string) => whole.incidents.filter((i) => i.severity === s).length;
    const expected = {
      incidents: {
        critical: sev('critical'),
        warning: sev('warning'),
        info: sev('info'),
        total: whole.incidents.length,
      },
      alerts: { total: whole.alerts.length, suppressed: whole.alerts.filter((a) => a.state === 'suppressed').length },
    };
    expect(expected.alerts.suppressed).toBe(1);
    expect(countData(whole)).toMatchObject(expected);
    expect(countData(chunked)).toEqual(countData(whole));
    expect(Object.values(countData(chunked)!.layers).reduce((a, b) => a + b, 0)).toBe(whole.alerts.length);
    // The next data starts from zero.
    asm.add([whole.incidents[0]!]);
    expect(asm.finish(NOW, []).counts.incidents.total).toBe(1);
    // Before any data there are no counts, not zero counts.
    expect(countData(undefined)).toBeUndefined();
  });
});

describe('incident rows', () => {
  const data = dataOf(gpuStorm());
  it('finds any row without building all of them, and finds rows again by key', () => {
    const idx = new IncidentRowIndex(data.incidents);
    expect(idx.count).toBe(6);
    const all = idx.slice(0, 100);
    expect(all.map((r) => r.alert.labels.alertname)[0]).toBe('GPUMemoryOOM');
    expect(all.filter((r) => r.isRoot)).toHaveLength(3);
    for (let i = 0; i < idx.count; i++) expect(idx.indexOfKey(all[i]!.key)).toBe(i);
    expect(idx.rowAt(6)).toBeUndefined();
    const third = data.incidents[2]!;
    expect(idx.firstRowOf(third.id)).toBe(4); // 3 rows of the OOM chain, then DiskSpaceLow
    expect(idx.indexOfKey(rowKey(third.id, 'nope'))).toBeUndefined();
    expect(
      filterIncidents(data.incidents, (a) => a.labels.alertname === 'HighErrorRateFastBurn').map(
        (i) => i.alerts.length,
      ),
    ).toEqual([3]);
  });

  it('orders incidents: active before fully silenced, then severity, then oldest first', () => {
    const alerts = [
      mkAlert('DiskSpaceLow', 5, { instance: 'a', severity: 'warning' }),
      mkAlert('DiskSpaceLow', 50, { instance: 'b', severity: 'warning' }),
      mkAlert('GPUMemoryOOM', 1, { instance: 'c', severity: 'critical' }, { state: 'suppressed', silencedBy: ['s'] }),
      mkAlert('QueueBacklog', 2, { instance: 'd', severity: 'critical' }),
    ];
    const order = sortIncidents(dataOf(alerts).incidents).map((i) => i.alerts[0]!.labels.instance);
    expect(order).toEqual(['d', 'b', 'a', 'c']);
  });

  it('orders a storm as the comparator would: activity, severity, oldest first, then ID, input order among equals', () => {
    // Incidents made by hand, so that ties on start time, unknown severities, remembered (resolved) incidents and
    // IDs out of order within a tie all occur; the reference is the order written as one comparator.
    const rank: Record<string, number> = { critical: 3, warning: 2, info: 1 };
    const severities = ['critical', 'warning', 'info', 'page'] as const;
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const base = dataOf([mkAlert('QueueBacklog', 1)]).incidents[0]!;
    const incs = Array.from({ length: 3000 }, (_, k) => {
      const state = rnd(4) === 0 ? 'suppressed' : 'active';
      const resolved = rnd(10) === 0 ? new Date(NOW - rnd(5) * 60_000).toISOString() : null;
      return {
        ...base,
        id: `inc-${rnd(40).toString(16).padStart(12, '0')}`, // repeats: equal IDs keep their input order
        severity: severities[rnd(4)] as 'critical',
        startsAt: new Date(NOW - rnd(30) * 60_000).toISOString(),
        resolvedAt: resolved,
        alerts: [{ ...base.alerts[0]!, state, resolvedAt: resolved }] as typeof base.alerts,
        title: `#${k}`,
      };
    });
    const activity = (i: (typeof incs)[number]) =>
      i.resolvedAt ? 2 : i.alerts.some((a) => a.state === 'active' && !a.resolvedAt) ? 0 : 1;
    const expected = [...incs].sort(
      (a, b) =>
        activity(a) - activity(b) ||
        (rank[b.severity] ?? 0) - (rank[a.severity] ?? 0) ||
        Date.parse(a.startsAt) - Date.parse(b.startsAt) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    expect(sortIncidents(incs).map((i) => i.title)).toEqual(expected.map((i) => i.title));
    // Already in order (the usual case after grouping), and the same order in reverse.
    expect(sortIncidents(expected).map((i) => i.title)).toEqual(expected.map((i) => i.title));
    expect(sortIncidents([...expected].reverse()).map((i) => i.id)).toEqual(expected.map((i) => i.id));
    expect(sortIncidents([])).toEqual([]);
  });

  it('chunks for the worker keep every incident once, in order, unchanged ones as ids at half the weight', () => {
    const incs = dataOf(
      Array.from({ length: 50 }, (_, i) => mkAlert('QueueBacklog', i, { instance: `h${i}` })),
    ).incidents;
    const chunks = chunkIncidents(incs, undefined, 7);
    expect(chunks.flat()).toEqual(incs);
    expect(chunks.map((c) => c.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    expect(chunkIncidents(incs, () => true, 7).map((c) => c.length)).toEqual([14, 14, 14, 8]);
    const odd = new Set(incs.filter((_, i) => i % 2).map((i) => i.id));
    const mixed = chunkIncidents(incs, (i) => odd.has(i.id), 7).flat();
    expect(mixed).toEqual(incs.map((i) => (odd.has(i.id) ? i.id : i)));
  });

  it("a storm's first picture: the top incidents in full, the one across the alert budget cut after its first rows", () => {
    const incs = sortIncidents(
      dataOf([
        mkAlert('NodeDown', 100, { severity: 'critical', instance: 'n9' }),
        ...gpuStorm(),
        ...Array.from({ length: 5 }, (_, i) => mkAlert('QueueBacklog', i, { instance: `h${i}` })),
      ]).incidents,
    );
    const total = incs.reduce((n, i) => n + i.alerts.length, 0);
    // All of it fits: nothing goes ahead of the chunks.
    expect(firstPicture(incs, 200, total)).toBeUndefined();
    expect(firstPicture(incs, 2, total)).toEqual(incs.slice(0, 2));
    const k = incs.findIndex((i) => i.alerts.length === 3);
    expect(k).toBeGreaterThan(0);
    const before = incs.slice(0, k).reduce((n, i) => n + i.alerts.length, 0);
    const top = firstPicture(incs, 200, before + 2)!;
    expect(top).toHaveLength(k + 1);
    expect(top.slice(0, k)).toEqual(incs.slice(0, k));
    const cut = top[k]!;
    const whole = incs[k]!;
    expect({ ...cut, alerts: [] }).toEqual({ ...whole, alerts: [] });
    expect(cut.alerts).toEqual(
      treeRows(whole)
        .slice(0, 2)
        .map((r) => r.alert),
    );
    // The root first, and each alert with its cause.
    expect(cut.alerts[0]!.causedBy).toBeNull();
    for (const a of cut.alerts.slice(1)) expect(cut.alerts.some((c) => c.fingerprint === a.causedBy)).toBe(true);
  });

  it('the worker inbox handles one message per event-loop turn, in order', async () => {
    const seen: number[] = [];
    const inbox = new Inbox<number>((m) => seen.push(m));
    for (const m of [1, 2, 3]) inbox.push(m);
    expect(seen).toEqual([]);
    const turns: number[][] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setImmediate(r));
      turns.push([...seen]);
    }
    expect(turns).toEqual([[1], [1, 2], [1, 2, 3], [1, 2, 3]]);
    inbox.push(4);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});

describe('detail pane content', () => {
  it('sanitizes alert text and offers only http(s) links', () => {
    const [inc] = dataOf([
      mkAlert(
        'GPUMemoryOOM',
        3,
        { severity: 'critical', evil: 'x\u001b[2Jy' },
        {
          annotations: {
            description: 'line one\nline two \u001b]52;c;QUJD\u0007end',
            runbook_url: 'javascript:alert(1)',
          },
          generatorURL: 'file:///etc/passwd',
        },
      ),
    ]).incidents;
    const text = detailLines(inc!.alerts[0]!, inc, 80, NOW)
      .map((l) => l.text)
      .join('\n');
    expect(text).not.toMatch(/\u001b/);
    expect(text).toContain('evil=xy');
    expect(text).toContain('line two end');
    expect(text).toContain('runbook: none');
    expect(text).toContain('source: not an http(s) URL, not opened');
    expect(text).toContain('this alert is the root cause');
  });
});

describe('theme', () => {
  it('NO_COLOR (non-empty) or --no-color select the no-colour theme, which has no colour at all but keeps emphasis', () => {
    expect(wantsNoColor({ NO_COLOR: '1' }, undefined)).toBe(true);
    expect(wantsNoColor({ NO_COLOR: '' }, undefined)).toBe(false);
    expect(wantsNoColor({}, false)).toBe(true);
    expect(wantsNoColor({}, true)).toBe(false);
    const colours = JSON.stringify(noColorTheme).match(/"(color|backgroundColor)":/g);
    expect(colours).toBeNull();
    expect(noColorTheme.selection.inverse).toBe(true);
    expect(noColorTheme.critical.bold).toBe(true);
    expect(JSON.stringify(colorTheme)).toMatch(/"color":"red"/);
  });
});

describe('terminal restore', () => {
  it('enters the alternate screen once and restores it once, however many exits happen', () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (d) => (written += d));
    const g = enterAlternateScreen(
      out as unknown as NodeJS.WriteStream,
      new PassThrough() as unknown as NodeJS.ReadStream,
    );
    expect(written).toBe(ENTER);
    g.restore();
    g.restore();
    expect(written).toBe(ENTER + LEAVE);
    expect(LEAVE).toContain('\u001b[?1049l');
    expect(LEAVE).toContain('\u001b[?25h');
  });
});

describe('a backend that fails after answering', () => {
  it('says why in the status line and keeps the data; a backend that never answered only shows in the header', () => {
    const t0 = 1_000_000;
    let s = appReducer(initialState('incidents', t0), {
      type: 'data',
      health: [{ name: 'prom', state: 'unreachable', since: t0, error: 'connection refused' }],
    });
    expect(s.notice).toBeUndefined();
    const data = { generatedAt: t0 } as AlertData;
    s = appReducer(s, { type: 'data', data, health: [{ name: 'am', state: 'ok', since: t0, lastOkAt: t0 }] });
    const why = 'alertmanager am: the answer is larger than max_response_bytes (400 MiB); stopped reading it';
    s = appReducer(s, {
      type: 'data',
      health: [{ name: 'am', state: 'unreachable', since: t0 + 15_000, lastOkAt: t0, error: why }],
    });
    expect(s.data).toBe(data);
    expect(s.notice).toMatchObject({
      level: 'error',
      message: `am: ${why} (showing the last good data)`,
      at: t0 + 15_000,
    });
    // The same failure again does not renew the message.
    const again = appReducer(
      { ...s, notice: undefined },
      { type: 'data', health: [{ name: 'am', state: 'unreachable', since: t0 + 15_000, lastOkAt: t0, error: why }] },
    );
    expect(again.notice).toBeUndefined();
  });
});
