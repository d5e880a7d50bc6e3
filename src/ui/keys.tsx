// The key dispatcher: ONE Ink useInput for the whole app, routing each key press by priority:
//   1. active key layers, topmost first (modal overlays, forms, the filter input): a layer's `capture` function
//      sees the raw key first (for typing text), then the layer's bindings; a modal layer stops the key there
//      (only Ctrl-C gets through, so quitting always works);
//   2. the current view's bindings, unless an overlay covers the view;
//   3. global bindings.
// Bindings come from the keymap registry (src/ui/keymap.ts); handlers come from `useKeys` or a binding's `run`.
//
// Usage inside a component:
//   useKeys({ 'nav.down': () => dispatch({ type: 'down' }) }, { active });          // handle declared bindings
//   useKeyLayer('filter', { active: editing, capture: (name, input) => … return true when consumed });
import {
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
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
  /** Drawn over the view (an overlay): the view's keys do not act while it is up, global keys still do. */
  covers?: boolean;
}

interface Layer {
  id: string;
  modal: boolean;
  covers: boolean;
  capture?: CaptureFn;
  priority: number;
  seq: number;
}
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
    const layer: Layer = {
      id,
      modal: o.modal ?? true,
      covers: o.covers ?? false,
      capture: o.capture,
      priority: o.priority ?? 0,
      seq: ++this.seq,
    };
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
    this.snapshot = [...new Set(this.sorted().map((l) => l.id))];
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

  private queue: { input: string; key: Key }[] = [];
  private draining = false;

  /**
   * Entry point for raw input. Each key is handled after the previous one has been rendered: keys that arrive
   * together (a fast typist, a busy machine, "G" and Enter read as "G\r") would otherwise act on a screen the
   * user never saw. A multi-key chunk goes whole to a text-taking layer (a paste), else it is split into keys,
   * so "/" opens the filter before the letters typed after it arrive.
   */
  feed(input: string, key: Key): void {
    if (input.length > 1 && isPlainChunk(key)) {
      const top = this.sorted()[0];
      if (!this.draining && top?.capture && !/[\r\n\t\u007f\b]/.test(input) && top.capture(input, input, key)) return;
      for (const ch of input) this.queue.push({ input: ch, key: keyForChar(ch) });
    } else {
      this.queue.push({ input, key });
    }
    if (!this.draining) this.step();
  }

  private keySeq = 0;
  private committedSeq = 0;
  private resume: NodeJS.Timeout | undefined;

  private readonly step = (): void => {
    clearTimeout(this.resume);
    this.resume = undefined;
    const next = this.queue.shift();
    if (!next) {
      this.draining = false;
      return;
    }
    this.draining = true;
    this.dispatch(next.input, next.key);
    // Announce the key so the app renders once more; its commit (markCommitted) releases the next key. The
    // timer is a fallback for keys that change nothing on screen.
    this.keySeq++;
    this.revision = this.keySeq;
    for (const fn of this.keyListeners) fn();
    this.resume = setTimeout(this.step, 50);
  };

  /** Changes with every key handled; KeyCommitProbe subscribes so each key ends in a commit. */
  revision = 0;
  keyRevision = (): number => this.revision;
  private keyListeners = new Set<() => void>();
  subscribeKeys = (fn: () => void): (() => void) => {
    this.keyListeners.add(fn);
    return () => this.keyListeners.delete(fn);
  };

  /** Called by the app after each commit (a layout effect): the previous key's updates are on screen. */
  markCommitted(): void {
    if (this.committedSeq === this.keySeq) return;
    this.committedSeq = this.keySeq;
    if (this.draining && this.resume) {
      clearTimeout(this.resume);
      this.resume = setTimeout(this.step, 0);
    }
  }

  /** Routes one key press; true when something handled it. */
  dispatch(input: string, key: Key): boolean {
    const name = keyNameOf(input, key);
    if (name.startsWith('meta+') && !this.keymap.all().some((b) => b.keys.includes(name))) {
      // Esc and the next key read in one chunk (a busy or slow terminal) look like Alt+key: no binding uses
      // Alt, so honour both presses in order.
      const esc = this.route('esc', '', { ...key, meta: false, escape: true });
      return this.route(input, input, { ...key, meta: false }) || esc;
    }
    return this.route(name, input, key);
  }

  private route(name: KeyName, input: string, key: Key): boolean {
    // Layers that share an id are one layer: an overlay host and the overlay's own text input both push one, and
    // the host's (pushed last, so on top) must not hide the input's capture.
    const seen = new Set<string>();
    for (const layer of this.sorted()) {
      if (seen.has(layer.id)) continue;
      seen.add(layer.id);
      const group = this.layers.filter((l) => l.id === layer.id);
      if (group.some((l) => l.capture?.(name, input, key))) return true;
      if (this.runScope(name, layer.id)) return true;
      if (group.some((l) => l.modal)) return name === 'ctrl+c' ? this.runScope(name, 'global') : false;
    }
    if (this.ctx.view && !this.layers.some((l) => l.covers) && this.runScope(name, this.ctx.view)) return true;
    return this.runScope(name, 'global');
  }
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

function isPlainChunk(key: Key): boolean {
  return (
    !key.ctrl &&
    !key.meta &&
    !key.escape &&
    !key.upArrow &&
    !key.downArrow &&
    !key.leftArrow &&
    !key.rightArrow &&
    !key.pageUp &&
    !key.pageDown &&
    !key.home &&
    !key.end
  );
}

/** The Key Ink would report for one character typed alone. */
export function keyForChar(ch: string): Key {
  if (ch === '\r' || ch === '\n') return { ...NO_KEY, return: true };
  if (ch === '\t') return { ...NO_KEY, tab: true };
  if (ch === '\u007f' || ch === '\b') return { ...NO_KEY, backspace: true };
  return { ...NO_KEY, shift: /[A-Z]/.test(ch) };
}

const DispatcherContext = createContext<KeyDispatcher | null>(null);

export function useDispatcher(): KeyDispatcher {
  const d = useContext(DispatcherContext);
  if (!d) throw new Error('key hooks used outside <KeyDispatcherProvider>');
  return d;
}

/** Mounts the single useInput of the app. */
export function KeyDispatcherProvider({ dispatcher, children }: { dispatcher: KeyDispatcher; children: ReactNode }) {
  const onInput = useCallback(
    (input: string, key: Key) => {
      dispatcher.feed(input, key);
    },
    [dispatcher],
  );
  useInput(onInput);
  return (
    <DispatcherContext.Provider value={dispatcher}>
      {children}
      <KeyCommitProbe />
    </DispatcherContext.Provider>
  );
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
    const offs = ids
      .split('\n')
      .filter(Boolean)
      .map((id) => d.addHandler(id, () => ref.current[id]?.()));
    return () => offs.forEach((off) => off());
  }, [d, ids, active]);
}

/**
 * A view's input mapping, as in ink-ui's components: which named action of its state hook each binding runs.
 * `useInputMap({ 'nav.down': 'down' }, state.actions)`.
 */
export function useInputMap<A extends { [K in keyof A]: () => void }>(
  map: Readonly<Record<string, keyof A>>,
  actions: A,
  opts: { active?: boolean } = {},
): void {
  useKeys(
    Object.fromEntries(Object.entries(map).map(([id, action]) => [id, () => actions[action as keyof A]()])),
    opts,
  );
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
      covers: opts.covers,
      priority: opts.priority,
      capture: hasCapture ? (n, i, k) => capture.current?.(n, i, k) ?? false : undefined,
    });
  }, [d, id, active, opts.modal, opts.covers, opts.priority, hasCapture]);
}

/**
 * Renders nothing; re-renders with every key handled and reports the commit, so queued keys wait for the
 * screen they act on. A leaf, so announcing a key re-renders nothing else.
 */
function KeyCommitProbe(): null {
  const d = useDispatcher();
  useSyncExternalStore(d.subscribeKeys, d.keyRevision, d.keyRevision);
  useLayoutEffect(() => d.markCommitted());
  return null;
}

/** Active layer ids, topmost first; re-renders when they change. */
export function useKeyLayers(): string[] {
  const d = useDispatcher();
  return useSyncExternalStore(d.subscribe, d.layerIds, d.layerIds);
}
