// The silence form overlay and the ack key, driven by key presses through the app's key dispatcher, writing to a
// real Alertmanager. The app shell around them is reduced to its context object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { AlertmanagerSet } from '../src/backends/alertmanager.js';
import { contextSchema } from '../src/backends/config/schema.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { Keymap } from '../src/ui/keymap.js';
import { KeyDispatcher, KeyDispatcherProvider } from '../src/ui/keys.js';
import { OncallContext, type OncallApi } from '../src/ui/app-context.js';
import { noColorTheme, ThemeContext } from '../src/ui/theme.js';
import { silenceFormOverlay, type SilenceFormRequest } from '../src/ui/views/silence-form/index.js';
import { ackSelection } from '../src/ui/views/silences/actions.js';
import type { IncidentAlert } from '../src/domain/incidents/types.js';
import { alertmanager, postAlerts, waitForAlerts } from './helpers/stack.js';
import { emptyCounts } from '../src/ui/data/counts.js';

interface ApiSilence {
  id: string;
  comment: string;
  createdBy: string;
  status: { state: string };
  matchers: { name: string; value: string }[];
}
const silences = async (url: string) => (await (await fetch(`${url}/api/v2/silences`)).json()) as ApiSilence[];
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await tick(100);
  }
}

describe('silence form overlay against a real Alertmanager', () => {
  let am: ServerHandle;
  let api: OncallApi;
  const notices: string[] = [];
  const prevXdg = process.env.XDG_CONFIG_HOME;

  beforeAll(async () => {
    process.env.XDG_CONFIG_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-ui-'));
    am = await alertmanager();
    await postAlerts(am.url, [
      { labels: { alertname: 'GPUMemoryOOM', instance: 'gpu-1', cluster: 'prod', severity: 'critical' } },
      ...Array.from({ length: 11 }, (_, i) => ({
        labels: { alertname: 'FeatureStale', feature: `f${i}`, cluster: 'prod' },
      })),
    ]);
    await waitForAlerts(am.url, 12);
    const set = new AlertmanagerSet([{ url: am.url }]);
    const alerts = (await set.alerts()).alerts.map(
      (a) => ({ ...a, layer: 'unknown', causedBy: null }) as IncidentAlert,
    );
    const settings = { ...contextSchema.parse({}), author: 'ana' };
    api = {
      services: {
        context: {
          name: 'test',
          configPath: '',
          configExists: false,
          prometheus: { url: 'http://127.0.0.1:1' },
          alertmanagers: [{ url: am.url }],
          settings,
          warnings: [],
          sources: { context: 'default', prometheus: 'default', alertmanagers: 'flag' },
        },
        readOnly: false,
        refreshIntervalMs: 15_000,
        prometheus: () => {
          throw new Error('unused');
        },
        alertmanagers: () => set,
        now: () => Date.now(),
      },
      data: {
        generatedAt: Date.now(),
        incidents: [],
        alerts,
        incidentOf: new Map(),
        silences: [],
        counts: emptyCounts(),
      },
      health: [],
      view: 'alerts',
      setView: () => {},
      selection: undefined,
      setSelection: () => {},
      openOverlay: (id, props) => notices.push(`open ${id} ${JSON.stringify(props)}`),
      closeOverlay: () => {},
      refresh: () => {},
      onRefresh: () => () => {},
      reportHealth: () => {},
      notify: (m) => notices.push(m),
      quit: () => {},
    };
  });
  afterAll(async () => {
    await am?.stop();
    if (prevXdg === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = prevXdg;
  });

  async function mount(props: SilenceFormRequest) {
    // The form's bindings, registered as at start-up: they are what its keys run.
    const km = new Keymap();
    km.register(silenceFormOverlay.keys!.map((k) => ({ ...k, scope: silenceFormOverlay.id })));
    const dispatcher = new KeyDispatcher(km);
    dispatcher.api = api;
    let closed = false;
    const Form = silenceFormOverlay.component;
    const r = render(
      <ThemeContext.Provider value={noColorTheme}>
        <OncallContext.Provider value={api}>
          <KeyDispatcherProvider dispatcher={dispatcher}>
            <Form
              width={100}
              height={30}
              props={props}
              close={() => {
                closed = true;
              }}
            />
          </KeyDispatcherProvider>
        </OncallContext.Provider>
      </ThemeContext.Provider>,
    );
    // The form's code loads when it is first shown (src/ui/views/on-demand.tsx).
    await until(() => (r.lastFrame()?.includes('loading…') ? undefined : true));
    const type = async (...keys: string[]) => {
      for (const k of keys) {
        r.stdin.write(k);
        await tick();
      }
    };
    return { ...r, type, closed: () => closed };
  }

  it('creates a silence typed into the form, shown with its ID', async () => {
    const f = await mount({ matchers: [{ name: 'alertname', type: '=', value: 'GPUMemoryOOM' }] });
    await tick(100);
    expect(f.lastFrame()).toContain('Preview: matches 1 firing alert');
    const TAB = '\t';
    // matcher, + add, duration, end, start, comment
    await f.type(TAB, TAB, TAB, TAB, TAB);
    for (const c of 'gpu node drain') await f.type(c);
    await f.type('\u0013'); // Ctrl-S
    const frame = await until(() =>
      /created silence [0-9a-f-]{36}/.test(f.lastFrame() ?? '') ? f.lastFrame()! : undefined,
    );
    const id = /created silence ([0-9a-f-]{36})/.exec(frame)![1]!;
    const s = (await silences(am.url)).find((x) => x.id === id)!;
    expect(s).toMatchObject({ comment: 'gpu node drain', createdBy: 'ana' });
    await f.type('\r');
    expect(f.closed()).toBe(true);
    f.unmount();
  });

  it('asks y/n for a broad silence; n creates nothing, y creates it', async () => {
    const before = (await silences(am.url)).length;
    const f = await mount({
      matchers: [{ name: 'alertname', type: '=', value: 'FeatureStale' }],
      comment: 'feature store rebuild',
    });
    await tick(100);
    await f.type('\u0013');
    expect(f.lastFrame()).toMatch(
      /Create it\? y\/n: it matches 11 firing alerts \(more than silence.max_alerts = 10\)/,
    );
    await f.type('n');
    await tick(200);
    expect((await silences(am.url)).length).toBe(before);
    await f.type('\u0013', 'y');
    await until(() => (/created silence/.test(f.lastFrame() ?? '') ? true : undefined));
    expect((await silences(am.url)).filter((s) => s.comment === 'feature store rebuild')).toHaveLength(1);
    f.unmount();
  });

  it('acks the selection with one key: "ack by <author>"', async () => {
    const a = api.data!.alerts.find((x) => x.labels.alertname === 'GPUMemoryOOM')!;
    await ackSelection({ ...api, selection: { alerts: [a] } }, false);
    const s = (await silences(am.url)).find((x) => x.comment === 'ack by ana')!;
    expect(s.matchers.map((m) => `${m.name}=${m.value}`).sort()).toEqual([
      'alertname=GPUMemoryOOM',
      'cluster=prod',
      'instance=gpu-1',
    ]);
    expect(notices.some((n) => n.startsWith(`acked (15m): silence ${s.id}`))).toBe(true);
  });

  it("writes nothing while a storm's first load is still arriving: neither an ack nor a silence form", async () => {
    const before = (await silences(am.url)).length;
    const all = api.data!.alerts;
    const a = all.find((x) => x.labels.alertname === 'GPUMemoryOOM')!;
    // The first picture holds one alert of twelve; the guardrails would judge the ack on that one alone.
    const arriving = {
      ...api,
      data: { ...api.data!, alerts: [a], arriving: { incidents: 12, alerts: all.length } },
      selection: { alerts: [a] },
    };
    await ackSelection(arriving, false);
    expect(notices.at(-1)).toBe(
      '11 of 12 alerts are still arriving: ack it once they are in (a moment), so that every alert it catches is shown',
    );
    expect((await silences(am.url)).length).toBe(before);
    const { selectionActions } = await import('../src/ui/views/extensions.js');
    selectionActions.keys.find((k) => k.id === 'selection.silence')!.run!(arriving);
    expect(notices.at(-1)).toMatch(/^11 of 12 alerts are still arriving: silence it once they are in/);
  });

  it('sends an ack that needs confirmation to the form instead of writing', async () => {
    const before = (await silences(am.url)).length;
    await ackSelection(
      { ...api, selection: { alerts: api.data!.alerts.filter((x) => x.labels.alertname === 'FeatureStale') } },
      false,
    );
    expect(notices.at(-1)).toMatch(/^open silence-form .*"mode":"ack"/);
    expect((await silences(am.url)).length).toBe(before);
  });
});
