// The key registry as a whole: views declare their keys (with extensions), clashes between scopes that act
// together stop the start, write keys are absent in read-only contexts, and the README's table is the bindings'.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { footerHints, helpSections, keyChoice, Keymap, keymap, type KeyContext } from '../src/ui/keymap.js';
import { registry, ViewRegistry } from '../src/ui/views/registry.js';
import { setupRegistry } from '../src/ui/views/index.js';
import { listNavigation, selectionActions } from '../src/ui/views/extensions.js';
import { keyTable, withKeyTable } from '../src/ui/key-table.js';
import { OncallError } from '../src/domain/errors.js';
import { hintText } from '../src/ui/components/Footer.js';
import { SILENCE_FORM_KEYS } from '../src/ui/views/silence-form/keys.js';
import { SILENCES_PROMPT_KEYS } from '../src/ui/views/silences/prompt-keys.js';

const Nothing = () => null;
const ctx = (view: string, readOnly: boolean): KeyContext => ({ view, layers: [], readOnly, selection: undefined });

describe('key registry', () => {
  setupRegistry();

  it('has no key bound twice where scopes act together', () => {
    expect(() => keymap.checkClashes(registry.activeTogether())).not.toThrow();
  });

  it('stops the start when a view binds a key that a global binding or an extension already has', () => {
    const km = new Keymap();
    const reg = new ViewRegistry(km);
    km.register([{ id: 'app.refresh', keys: ['r'], description: 'refresh now', scope: 'global' }]);
    reg.registerView({ id: 'incidents', component: Nothing, extensions: [selectionActions] });
    reg.registerView({
      id: 'alerts',
      component: Nothing,
      keys: [{ id: 'alerts.reload', keys: ['r'], description: 'reload' }],
    });
    const err = (() => {
      try {
        km.checkClashes(reg.activeTogether());
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OncallError);
    expect((err as OncallError).kind).toBe('internal');
    expect((err as OncallError).message).toBe(
      'key "r" is bound twice where global + alerts are active together: global/app.refresh and alerts/alerts.reload',
    );
    // Within one view the registry refuses at once: a new `a` cannot shadow ack.
    expect(() =>
      reg.registerView({
        id: 'slo',
        component: Nothing,
        extensions: [selectionActions],
        keys: [{ id: 'slo.all', keys: ['a'], description: 'all' }],
      }),
    ).toThrow(OncallError);
  });

  it('lists s, a, A and b under Incidents, and leaves the write keys out in a read-only context', () => {
    const scopes = [
      { scope: 'incidents', title: 'Incidents' },
      { scope: 'global', title: 'Everywhere' },
    ];
    const keysOf = (ro: boolean) =>
      helpSections(keymap, scopes, ctx('incidents', ro)).map((s) => [s.title, s.rows.map((r) => r.keys)]);
    const writable = Object.fromEntries(keysOf(false)) as Record<string, string[]>;
    expect(writable.Incidents).toEqual(expect.arrayContaining(['s', 'a', 'A', 'b']));
    expect(writable.Everywhere).not.toContain('s');
    const readOnly = Object.fromEntries(keysOf(true)) as Record<string, string[]>;
    expect(readOnly.Incidents).toContain('b');
    expect(readOnly.Incidents).not.toEqual(expect.arrayContaining(['s']));
    expect(readOnly.Incidents!.filter((k) => k === 'a' || k === 'A' || k === 's')).toEqual([]);
    // Nothing to press either: the dispatcher finds no binding for them.
    for (const k of ['s', 'a', 'A']) expect(keymap.matches(k, 'incidents', ctx('incidents', true))).toEqual([]);
    expect(keymap.matches('x', 'silences', ctx('silences', true))).toEqual([]);
    expect(keymap.matches('t', 'silences', ctx('silences', true))).toHaveLength(1);
  });

  it('builds the footer from the bindings of the view and the global ones', () => {
    expect(hintText('incidents', false)).toBe(
      'Enter details  / filter  s silence  a ack  b runbook  Esc back  Tab views  r refresh  ? help  q quit',
    );
    expect(hintText('incidents', true)).toBe(
      'Enter details  / filter  b runbook  Esc back  Tab views  r refresh  ? help  q quit',
    );
  });

  it('gives every list view the list keys in its own definition', () => {
    for (const id of ['incidents', 'alerts', 'slo', 'gpu', 'quality', 'silences', 'review', 'rules']) {
      for (const b of listNavigation.keys) expect(keymap.get(b.id, id), `${b.id} in ${id}`).toBeDefined();
    }
    expect(keymap.inScope('global').map((b) => b.id)).not.toContain('nav.down');
  });

  it('matches the README key table (npm run docs:keys rewrites it)', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(withKeyTable(readme, keyTable(keymap, registry))).toBe(readme);
  });
});

describe('prompt hints come from the bindings', () => {
  it('writes the answer keys and the footer words of a layer as they are bound', () => {
    const km = new Keymap();
    const bindings = [
      { id: 'p.yes', scope: 'p', keys: ['j', 'J'], description: 'yes' },
      { id: 'p.no', scope: 'p', keys: ['esc'], description: 'no' },
      { id: 'p.apply', scope: 'p', keys: ['enter'], footer: 'apply', description: 'apply' },
    ];
    km.register(bindings);
    expect(keyChoice(bindings, ['p.yes', 'p.no'])).toBe('j/Esc');
    expect(footerHints(km, ['p'], { view: '', layers: ['p'], readOnly: false, selection: undefined })).toBe(
      'Enter apply',
    );
    expect(() => keyChoice(bindings, ['p.maybe'])).toThrow(/no binding p.maybe/);
  });

  it('names the keys the shipped prompts answer to', () => {
    expect(keyChoice(SILENCE_FORM_KEYS, ['silence-form.yes', 'silence-form.no'])).toBe('y/n');
    expect(keyChoice(SILENCES_PROMPT_KEYS, ['silences-prompt.yes', 'silences-prompt.no'])).toBe('y/n');
  });
});
