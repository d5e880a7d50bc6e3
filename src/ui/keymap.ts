// The one registry of key bindings. The dispatcher (src/ui/keys.tsx) handles keys from it and the `?` help
// overlay is generated from it, so help can never disagree with what a key does.
//
// How to add keys:
//   1. Declare bindings: for a view, put them in its ViewDef `keys` (src/ui/views/registry.ts registers them);
//      for an overlay, in its OverlayDef `keys`; anything else: `keymap.register([...])` at module top level.
//        { id: 'silences.expire', keys: ['x'], description: 'expire the selected silence', scope: 'silences',
//          when: (c) => !c.readOnly }
//      `scope` is 'global', a view id ('incidents', 'alerts', 'slo', …) or an overlay/layer id ('help', 'filter',
//      'detail', 'silence-form', …). Registering a key already bound in the same scope throws: pick another key.
//   2. Handle them: either give the binding a static `run: (app) => …` (app = the OncallApi of
//      src/ui/app-context.ts), or, inside the component that owns the state, call
//      `useKeys({ 'silences.expire': () => … })` from src/ui/keys.tsx. A binding with no live handler is skipped.
//   3. Modal overlays that take text (forms, filter input) call `useKeyLayer(id, { capture })` so they see keys
//      before anything else; see src/ui/keys.tsx.
// Key names: single characters as typed ('j', 'G', '?', '/', '1'), and 'enter', 'esc', 'tab', 'shift+tab', 'up',
// 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'space', 'backspace', 'delete', 'ctrl+<letter>'.
import type { Key } from 'ink';
import type { Selection, OncallApi } from './app-context.js';
import { OncallError } from '../domain/errors.js';

export type KeyName = string;

/** What `when` predicates can look at. */
export interface KeyContext {
  /** Current view id. */
  view: string;
  /** Ids of the active key layers, topmost first (overlays, filter input, forms). */
  layers: string[];
  readOnly: boolean;
  selection: Selection | undefined;
}

export interface KeyBinding {
  /** Unique, dotted: '<scope>.<action>', e.g. 'nav.down', 'alerts.sort'. */
  id: string;
  /** Every key that triggers it; the first is shown first in help. */
  keys: KeyName[];
  /** One short line for the help overlay. */
  description: string;
  /** 'global', a view id, or a layer id. */
  scope: string;
  /** Active only while this holds (also hides it from help). */
  when?: (c: KeyContext) => boolean;
  /** A static action; otherwise a component supplies the handler with useKeys(). */
  run?: (app: OncallApi) => void;
  /** Left out of help (e.g. an alias already described elsewhere). */
  hidden?: boolean;
}


export class Keymap {
  private readonly byId = new Map<string, KeyBinding>();

  /** Adds bindings; re-registering the same id replaces it. A key bound twice in one scope throws. */
  register(bindings: readonly KeyBinding[]): void {
    for (const b of bindings) {
      for (const other of this.byId.values()) {
        if (other.id === b.id || other.scope !== b.scope) continue;
        const clash = b.keys.find((k) => other.keys.includes(k));
        if (clash !== undefined) {
          throw new OncallError('internal', `key ${JSON.stringify(clash)} in scope ${b.scope} is bound twice: ${other.id} and ${b.id}`);
        }
      }
      this.byId.set(b.id, b);
    }
  }

  unregister(id: string): void {
    this.byId.delete(id);
  }

  get(id: string): KeyBinding | undefined {
    return this.byId.get(id);
  }

  all(): KeyBinding[] {
    return [...this.byId.values()];
  }

  inScope(scope: string): KeyBinding[] {
    return this.all().filter((b) => b.scope === scope);
  }

  /** Bindings of `scope` that `name` triggers, in registration order, `when` honoured. */
  matches(name: KeyName, scope: string, ctx: KeyContext): KeyBinding[] {
    const out: KeyBinding[] = [];
    for (const b of this.byId.values()) {
      if (b.scope === scope && b.keys.includes(name) && (!b.when || b.when(ctx))) out.push(b);
    }
    return out;
  }

}

/** The process-wide registry. Tests may build their own Keymap. */
export const keymap = new Keymap();

/** Canonical name of a key press as Ink reports it (see the list in the header comment). */
export function keyNameOf(input: string, key: Key): KeyName {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  // Alt/Option-letter arrives as ESC + letter with meta set; never let it pass for the bare letter.
  if (key.meta && input.length === 1) return `meta+${input}`;
  if (input === ' ') return 'space';
  return input;
}

const DISPLAY: Record<string, string> = {
  up: '↑', down: '↓', left: '←', right: '→', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End',
  enter: 'Enter', esc: 'Esc', tab: 'Tab', 'shift+tab': 'Shift-Tab', space: 'Space', backspace: 'Backspace', delete: 'Del',
};

/** How a key is written in help and hints: 'ctrl+c' → 'Ctrl-C', 'pageup' → 'PgUp'. */
export function displayKey(name: KeyName): string {
  if (DISPLAY[name]) return DISPLAY[name];
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return name;
}

export interface HelpSection {
  scope: string;
  title: string;
  rows: { keys: string; description: string }[];
}

/** Help content for the given scopes, in that order; hidden and inactive bindings left out. Pure: tested alone. */
export function helpSections(km: Keymap, scopes: { scope: string; title: string }[], ctx: KeyContext): HelpSection[] {
  return scopes
    .map(({ scope, title }) => ({
      scope,
      title,
      rows: km
        .inScope(scope)
        .filter((b) => !b.hidden && (!b.when || b.when(ctx)))
        .map((b) => ({ keys: b.keys.map(displayKey).join(' '), description: b.description })),
    }))
    .filter((s) => s.rows.length > 0);
}
