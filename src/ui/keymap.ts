// The one registry of key bindings. The dispatcher (src/ui/keys.tsx) handles keys from it and the `?` help
// overlay is generated from it, so help can never disagree with what a key does.
//
// How to add keys:
//   1. Declare bindings where they act: a view's in its ViewDef `keys`, plus the extensions it includes
//      (`extensions: [listNavigation, selectionActions]`, src/ui/views/extensions.ts); an overlay's in its
//      OverlayDef `keys`; a text layer's (filter input) with `keymap.register([...])` next to the layer.
//        { id: 'silences.expire', keys: ['x'], description: 'expire the selected silence', write: true }
//      `scope` is 'global', a view id ('incidents', 'alerts', 'slo', …) or an overlay/layer id ('help', 'filter',
//      'detail', 'silence-form', …); a binding of an extension keeps its id in every view that includes it.
//      `write: true` marks a key that changes something (silence, ack, expire): absent in read-only contexts.
//      A key bound twice in scopes that are active together is an error at start-up (checkClashes).
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
  /** Dotted: '<scope or extension>.<action>', e.g. 'nav.down', 'alerts.sort'; unique within its scope. */
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
  /** Changes something on a backend: absent (no action, not in help) in read-only contexts. */
  write?: boolean;
  /** A word for the footer, which lists the keys that have one (current view's first, then the global ones). */
  footer?: string;
}

/** Whether a binding acts in this context: its `when` holds and it is not a write key in a read-only context. */
export function isActive(b: KeyBinding, c: KeyContext): boolean {
  return !(b.write && c.readOnly) && (!b.when || b.when(c));
}

export class Keymap {
  /** By scope and id: an extension's binding has the same id in every view that includes it. */
  private readonly bindings = new Map<string, KeyBinding>();

  /** Adds bindings; re-registering the same id in the same scope replaces it. A key bound twice in one scope throws. */
  register(bindings: readonly KeyBinding[]): void {
    for (const b of bindings) {
      for (const other of this.inScope(b.scope)) {
        if (other.id === b.id) continue;
        const clash = b.keys.find((k) => other.keys.includes(k));
        if (clash !== undefined) throw clashError(clash, [b.scope], other, b);
      }
      this.bindings.set(`${b.scope}\0${b.id}`, b);
    }
  }

  /** Removes the binding `id` from `scope`, or from every scope. */
  unregister(id: string, scope?: string): void {
    for (const [k, b] of this.bindings)
      if (b.id === id && (scope === undefined || b.scope === scope)) this.bindings.delete(k);
  }

  /** The binding `id`, in `scope` when given, else the first registered. */
  get(id: string, scope?: string): KeyBinding | undefined {
    for (const b of this.bindings.values()) if (b.id === id && (scope === undefined || b.scope === scope)) return b;
    return undefined;
  }

  all(): KeyBinding[] {
    return [...this.bindings.values()];
  }

  inScope(scope: string): KeyBinding[] {
    return this.all().filter((b) => b.scope === scope);
  }

  /** Bindings of `scope` that `name` triggers, in registration order, `when` and read-only honoured. */
  matches(name: KeyName, scope: string, ctx: KeyContext): KeyBinding[] {
    const out: KeyBinding[] = [];
    for (const b of this.bindings.values()) {
      if (b.scope === scope && b.keys.includes(name) && isActive(b, ctx)) out.push(b);
    }
    return out;
  }

  /**
   * Throws when one key is bound twice within a group of scopes that are active together (e.g. global + a view
   * + a non-modal overlay): the first would silently shadow the other. Run at start-up, and by a test.
   */
  checkClashes(groups: readonly (readonly string[])[]): void {
    for (const group of groups) {
      const seen = new Map<KeyName, KeyBinding>();
      for (const scope of group) {
        for (const b of this.inScope(scope)) {
          for (const k of b.keys) {
            const other = seen.get(k);
            if (other && other !== b) throw clashError(k, group, other, b);
            seen.set(k, b);
          }
        }
      }
    }
  }
}

function clashError(key: KeyName, scopes: readonly string[], a: KeyBinding, b: KeyBinding): OncallError {
  return new OncallError(
    'internal',
    `key ${JSON.stringify(key)} is bound twice where ${scopes.join(' + ')} are active together: ${a.scope}/${a.id} and ${b.scope}/${b.id}`,
    {
      hint: 'pick another key for one of them (src/ui/keymap.ts explains how keys are declared)',
    },
  );
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
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift+tab': 'Shift-Tab',
  space: 'Space',
  backspace: 'Backspace',
  delete: 'Del',
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
        .filter((b) => !b.hidden && isActive(b, ctx))
        .map((b) => ({ keys: b.keys.map(displayKey).join(' '), description: b.description })),
    }))
    .filter((s) => s.rows.length > 0);
}

/** The footer's hints: bindings with a footer word in these scopes, in that order, active ones only ("? help  r refresh"). */
export function footerHints(km: Keymap, scopes: readonly string[], ctx: KeyContext): string {
  return scopes
    .flatMap((s) => km.inScope(s))
    .filter((b) => b.footer && !b.hidden && isActive(b, ctx))
    .map((b) => `${displayKey(b.keys[0]!)} ${b.footer}`)
    .join('  ');
}

/** A prompt's answer keys, from their bindings: ids ['x.yes', 'x.no'] → "y/n". An unknown id throws (a typo). */
export function keyChoice(bindings: readonly Pick<KeyBinding, 'id' | 'keys'>[], ids: readonly string[]): string {
  return ids
    .map((id) => {
      const b = bindings.find((x) => x.id === id);
      if (!b) throw new Error(`no binding ${id}`);
      return displayKey(b.keys[0]!);
    })
    .join('/');
}
