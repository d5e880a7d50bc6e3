// The silences view's one-line prompts (expire? y/n, extend by how long) as a pure reducer of named actions: the
// prompt's bindings (./index.tsx) run yes, no, apply, cancel and erase; text is what is typed into the extend prompt.
import { DurationError, parseDuration } from '../../../domain/duration.js';

export type Prompt =
  { kind: 'none' } | { kind: 'expire'; id: string } | { kind: 'extend'; id: string; input: string; error?: string };

export type PromptIntent =
  { type: 'none' } | { type: 'expire'; id: string } | { type: 'extend'; id: string; addMs: number };

export type PromptAction = 'yes' | 'no' | 'apply' | 'cancel' | 'erase' | { type: 'text'; text: string };

export const NO_PROMPT: Prompt = { kind: 'none' };

/** Whether the prompt takes `text` as typed input (the extend prompt takes letters and digits of a duration). */
export function takesText(p: Prompt, text: string): boolean {
  return p.kind === 'extend' && /^[0-9a-z]$/.test(text);
}

export function promptAction(p: Prompt, a: PromptAction): [Prompt, PromptIntent] {
  const none: PromptIntent = { type: 'none' };
  if (p.kind === 'none') return [p, none];
  if (a === 'cancel') return [NO_PROMPT, none];
  if (p.kind === 'expire') {
    if (a === 'yes') return [NO_PROMPT, { type: 'expire', id: p.id }];
    if (a === 'no') return [NO_PROMPT, none];
    return [p, none];
  }
  if (a === 'apply') {
    try {
      const addMs = parseDuration(p.input);
      if (addMs <= 0) return [{ ...p, error: 'must be greater than 0' }, none];
      return [NO_PROMPT, { type: 'extend', id: p.id, addMs }];
    } catch (e) {
      return [{ ...p, error: e instanceof DurationError ? e.message : String(e) }, none];
    }
  }
  if (a === 'erase') return [{ ...p, input: p.input.slice(0, -1), error: undefined }, none];
  if (typeof a === 'object' && takesText(p, a.text)) return [{ ...p, input: p.input + a.text, error: undefined }, none];
  return [p, none];
}
