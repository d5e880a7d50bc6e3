// The key dispatcher: ONE Ink useInput for the whole app, routing each key press by priority:
//   1. active key layers, topmost first (modal overlays, forms, the filter input): a layer's `capture` function
//      sees the raw key first (for typing text), then the layer's bindings; a modal layer stops the key there
//      (only Ctrl-C gets through, so quitting always works);
//   2. the current view's bindings;
//   3. global bindings.
// Bindings come from the keymap registry (src/ui/keymap.ts); handlers come from `useKeys` or a binding's `run`.
//
// Usage inside a component:
//   useKeys({ 'nav.down': () => dispatch({ type: 'down' }) }, { active });          // handle declared bindings
//   useKeyLayer('filter', { active: editing, capture: (name, input) => … return true when consumed });
import { createContext, useCallback, useContext, useLayoutEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';
import { keyNameOf, type KeyContext, type KeyName, type Keymap } from './keymap.js';
import type { OncallApi } from './app-context.js';

export type CaptureFn = (name: KeyName, input: string, key: Key) => boolean;

export interface LayerOptions {
  active?: boolean;
  /** A modal layer keeps keys from the view and global bindings (default true). */
  modal?: boolean;
  /** Sees every key first; return true when consumed (text inputs). */
  capture?: CaptureFn;
  /** Higher wins; equal priorities: the most recently activated wins. */
  priority?: number;
}

interface Layer { id: string; modal: boolean; capture?: CaptureFn; priority: number; seq: number }
type Handler = () => void;

export class KeyDispatcher {
  private layers: Layer[] = [];
  private handlers = new Map<string, { fn: Handler; seq: number }[]>();
  private listeners = new Set<() => void>();
  private seq = 0;
  private snapshot: string[] = [];
  /** Set by the app on every render. */
  ctx: KeyContext = { view: '', layers: [], readOnly: false, selection: undefined };
  api: OncallApi | undefined;

  constructor(readonly keymap: Keymap) {}

  /** Active layer ids, topmost first. Stable array between changes (for useSyncExternalStore). */
  layerIds = (): string[] => this.snapshot;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  pushLayer(id: string, o: LayerOptions): () => void {
    const layer: Layer = { id, modal: o.modal ?? true, capture: o.capture, priority: o.priority ?? 0, seq: ++this.seq };
    this.layers.push(layer);
    this.changed();
    return () => {
      this.layers = this.layers.filter((l) => l !== layer);
      this.changed();
    };
  }

  addHandler(bindingId: string, fn: Handler): () => void {
    const entry = { fn, seq: ++this.seq };
    const list = this.handlers.get(bindingId) ?? [];
    list.push(entry);
    this.handlers.set(bindingId, list);
    return () => {
      const l = this.handlers.get(bindingId)?.filter((e) => e !== entry) ?? [];
      if (l.length) this.handlers.set(bindingId, l);
      else this.handlers.delete(bindingId);
    };
  }

  private sorted(): Layer[] {
    return [...this.layers].sort((a, b) => b.priority - a.priority || b.seq - a.seq);
  }

  private changed(): void {
    this.snapshot = this.sorted().map((l) => l.id);
    for (const fn of this.listeners) fn();
  }

  private runScope(name: KeyName, scope: string): boolean {
    for (const b of this.keymap.matches(name, scope, this.ctx)) {
      const live = this.handlers.get(b.id);
      const fn = live?.[live.length - 1]?.fn ?? (b.run && this.api ? () => b.run!(this.api!) : undefined);
      if (fn) {
        fn();
        return true;
      }
    }
    return false;
  }

  /** Routes one key press; true when something handled it. */
  dispatch(input: string, key: Key): boolean {
    const name = keyNameOf(input, key);
    for (const layer of this.sorted()) {
      if (layer.capture?.(name, input, key)) return true;
      if (this.runScope(name, layer.id)) return true;
      if (layer.modal) return name === 'ctrl+c' ? this.runScope(name, 'global') : false;
    }
    if (this.ctx.view && this.runScope(name, this.ctx.view)) return true;
    return this.runScope(name, 'global');
  }
}

const DispatcherContext = createContext<KeyDispatcher | null>(null);

export function useDispatcher(): KeyDispatcher {
  const d = useContext(DispatcherContext);
  if (!d) throw new Error('key hooks used outside <KeyDispatcherProvider>');
  return d;
}

/** Mounts the single useInput of the app. */
export function KeyDispatcherProvider({ dispatcher, children }: { dispatcher: KeyDispatcher; children: ReactNode }) {
  const onInput = useCallback((input: string, key: Key) => { dispatcher.dispatch(input, key); }, [dispatcher]);
  useInput(onInput);
  return <DispatcherContext.Provider value={dispatcher}>{children}</DispatcherContext.Provider>;
}

/** Supplies handlers for declared bindings while `active` (default true). Handlers may change every render. */
export function useKeys(handlers: Record<string, Handler>, opts: { active?: boolean } = {}): void {
  const d = useDispatcher();
  const ref = useRef(handlers);
  ref.current = handlers;
  const ids = Object.keys(handlers).sort().join('\n');
  const active = opts.active ?? true;
  // Layout effects run in the same commit, so a key typed right after a view switch already finds its handler.
  useLayoutEffect(() => {
    if (!active) return;
    const offs = ids.split('\n').filter(Boolean).map((id) => d.addHandler(id, () => ref.current[id]?.()));
    return () => offs.forEach((off) => off());
  }, [d, ids, active]);
}

/** Pushes a key layer (overlay, form, text input) while `active`. */
export function useKeyLayer(id: string, opts: LayerOptions = {}): void {
  const d = useDispatcher();
  const capture = useRef(opts.capture);
  capture.current = opts.capture;
  const active = opts.active ?? true;
  const hasCapture = Boolean(opts.capture);
  useLayoutEffect(() => {
    if (!active) return;
    return d.pushLayer(id, {
      modal: opts.modal,
      priority: opts.priority,
      capture: hasCapture ? (n, i, k) => capture.current?.(n, i, k) ?? false : undefined,
    });
  }, [d, id, active, opts.modal, opts.priority, hasCapture]);
}

/** Active layer ids, topmost first; re-renders when they change. */
export function useKeyLayers(): string[] {
  const d = useDispatcher();
  return useSyncExternalStore(d.subscribe, d.layerIds, d.layerIds);
}
