import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusSchema } from '../src/backends/alertmanager-schemas.js';
import { parseStatus } from '../src/backends/alertmanager-status.js';
import { alertmanager } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';

/** zod's first complaint, worded as the client words it. */
function zodSays(body: unknown): string {
  const r = statusSchema.safeParse(body);
  if (r.success) return 'ok';
  const i = r.error.issues[0]!;
  const at = i.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `invalid response at ${at || '(top level)'}: ${i.message}`;
}

function handSays(body: unknown): string {
  try {
    parseStatus(body);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('parseStatus on what a real Alertmanager sends', () => {
  let am: ServerHandle;
  let raw: Record<string, unknown>;
  beforeAll(async () => {
    am = await alertmanager();
    raw = (await (await fetch(`${am.url}/api/v2/status`)).json()) as Record<string, unknown>;
  });
  afterAll(async () => am?.stop());

  it('gives what the zod schema gives', () => {
    expect(parseStatus(raw)).toEqual(statusSchema.parse(raw));
    expect(parseStatus(raw).config.original).toMatch(/receivers:/);
  });

  it('complains about the same first field, in the same words, as the zod schema', () => {
    const edit = (f: (b: Record<string, any>) => void) => {
      const b = structuredClone(raw) as Record<string, any>;
      f(b);
      return b;
    };
    const cases: unknown[] = [
      null,
      [],
      'status',
      edit((b) => delete b.cluster),
      edit((b) => (b.cluster = [])),
      edit((b) => (b.cluster.status = 3)),
      edit((b) => delete b.cluster.status),
      edit((b) => (b.cluster.name = 7)),
      edit((b) => (b.cluster.name = null)),
      edit((b) => (b.cluster.peers = {})),
      edit((b) => (b.cluster.peers = null)),
      edit((b) => (b.cluster.peers = [{ name: 'a', address: 'b' }, { name: 'c' }])),
      edit((b) => (b.cluster.peers = [null])),
      edit((b) => delete b.versionInfo),
      edit((b) => (b.versionInfo.version = false)),
      edit((b) => (b.versionInfo.revision = null)),
      edit((b) => (b.config = { original: null })),
      edit((b) => delete b.config),
      edit((b) => (b.uptime = 5)),
      edit((b) => delete b.uptime),
      edit((b) => ((b.cluster.status = 1), (b.config = 2))),
    ];
    for (const c of cases) expect(handSays(c)).toBe(zodSays(c));
    expect(cases.filter((c) => zodSays(c) !== 'ok').length).toBeGreaterThan(15);
  });
});
