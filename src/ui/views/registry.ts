// How views and overlays are declared. A view is a full-screen tab (number key jumps to it, Tab cycles);
// an overlay is drawn over the current view (help, alert detail, a form, a confirmation).
//
// To add a view:
//   1. In src/ui/views/<id>/index.tsx export a ViewDef whose id is one of VIEW_SLOTS (its number key and title
//      come from the slot):  export const sloView: ViewDef = { id: 'slo', component: SloView, keys: [...] };
//      The component gets ViewProps (its box size, already net of header and footer: render at most `height`
//      lines) and reaches data and actions with useOncall() (src/ui/app-context.ts).
//   2. Add ONE import and ONE list entry in src/ui/views/index.ts.
// To add an overlay: export an OverlayDef and register it in setupRegistry (src/ui/views/index.ts); open it with
//   useOncall().openOverlay('<id>', props). It gets OverlayProps; an overlay is a modal key layer (see
//   src/ui/keys.tsx) unless `modal: false`, so its keys come first.
// Keys in `keys` are registered in the keymap (src/ui/keymap.ts) with scope = the view/overlay id unless given.
import type { ComponentType } from 'react';
import { keymap, type KeyBinding, type Keymap } from '../keymap.js';
import type { KeyExtension } from './extensions.js';

/** Fixed tab order and number keys, so muscle memory survives new views. Slots without a view are not shown. */
export const VIEW_SLOTS = [
  { id: 'incidents', key: '1', title: 'Incidents' },
  { id: 'alerts', key: '2', title: 'Alerts' },
  { id: 'slo', key: '3', title: 'SLOs' },
  { id: 'gpu', key: '4', title: 'GPUs' },
  { id: 'quality', key: '5', title: 'Quality' },
  { id: 'silences', key: '6', title: 'Silences' },
  { id: 'runbook', key: '7', title: 'Runbook' },
  { id: 'review', key: '8', title: 'Review' },
  { id: 'rules', key: '9', title: 'Rules' },
  { id: 'handoff', key: '0', title: 'Handoff' },
] as const;

export type ViewId = (typeof VIEW_SLOTS)[number]['id'];

export interface ViewProps {
  width: number;
  /** Lines available to the view; never render more. */
  height: number;
}

export interface ViewDef {
  id: ViewId;
  component: ComponentType<ViewProps>;
  /** Bindings of this view alone (scope: the view id). */
  keys?: Omit<KeyBinding, 'scope'>[];
  /** Key sets shared with other views (src/ui/views/extensions.ts) that act in this one too. */
  extensions?: KeyExtension[];
}

export interface RegisteredView extends ViewDef {
  key: string;
  title: string;
}

export interface OverlayProps<P = unknown> {
  width: number;
  height: number;
  props: P;
  close(): void;
}

export interface OverlayDef<P = unknown> {
  id: string;
  title: string;
  component: ComponentType<OverlayProps<P>>;
  /** Default true: keys go to the overlay first and stop there (Ctrl-C excepted). */
  modal?: boolean;
  keys?: Omit<KeyBinding, 'scope'>[];
}

export class ViewRegistry {
  private readonly views = new Map<string, RegisteredView>();
  private readonly overlays = new Map<string, OverlayDef>();
  constructor(private readonly km: Keymap = keymap) {}

  registerView(def: ViewDef): void {
    const slot = VIEW_SLOTS.find((s) => s.id === def.id);
    if (!slot) throw new Error(`view ${JSON.stringify(def.id)} has no slot in VIEW_SLOTS (src/ui/views/registry.ts)`);
    this.views.set(def.id, { ...def, key: slot.key, title: slot.title });
    const keys = [...(def.extensions ?? []).flatMap((e) => e.keys), ...(def.keys ?? [])];
    this.km.register(keys.map((k) => ({ ...k, scope: def.id })));
  }

  registerOverlay<P>(def: OverlayDef<P>): void {
    this.overlays.set(def.id, def as OverlayDef);
    if (def.keys) this.km.register(def.keys.map((k) => ({ ...k, scope: def.id })));
  }

  /** Registered views in slot order. */
  list(): RegisteredView[] {
    return VIEW_SLOTS.map((s) => this.views.get(s.id)).filter((v): v is RegisteredView => Boolean(v));
  }

  view(id: string): RegisteredView | undefined {
    return this.views.get(id);
  }

  overlay(id: string): OverlayDef | undefined {
    return this.overlays.get(id);
  }

  /**
   * Groups of scopes whose keys act at the same time: each view with the global keys; a non-modal overlay with
   * the global keys (it covers the view, whose keys wait); a modal overlay or a layer alone (its keys come first
   * and stop there).
   */
  activeTogether(layers: readonly string[] = []): string[][] {
    const overlays = [...this.overlays.values()];
    return [
      ...this.list().map((v) => ['global', v.id]),
      ...overlays.filter((o) => o.modal === false).map((o) => ['global', o.id]),
      ...overlays.filter((o) => o.modal !== false).map((o) => [o.id]),
      ...layers.map((l) => [l]),
    ];
  }

  /** Title of a scope for the help overlay. */
  scopeTitle(scope: string): string {
    if (scope === 'global') return 'Everywhere';
    return this.views.get(scope)?.title ?? this.overlays.get(scope)?.title ?? scope;
  }
}

/** The app's registry, filled by src/ui/views/index.ts. */
export const registry = new ViewRegistry();
