// The silences view's one-line prompts (expire? y/n, extend by how long) as a pure reducer.
import { DurationError, parseDuration } from '../../../domain/duration.js';

export type Prompt =
  { kind: 'none' } | { kind: 'expire'; id: string } | { kind: 'extend'; id: string; input: string; error?: string };

export type PromptIntent =
  { type: 'none' } | { type: 'expire'; id: string } | { type: 'extend'; id: string; addMs: number };

export const NO_PROMPT: Prompt = { kind: 'none' };

export function promptKey(p: Prompt, name: string, input: string): [Prompt, PromptIntent] {
  const none: PromptIntent = { type: 'none' };
  if (p.kind === 'none') return [p, none];
  if (name === 'esc') return [NO_PROMPT, none];
  if (p.kind === 'expire') {
    if (input === 'y' || input === 'Y') return [NO_PROMPT, { type: 'expire', id: p.id }];
    if (input === 'n' || input === 'N') return [NO_PROMPT, none];
    return [p, none];
  }
  if (name === 'enter') {
    try {
      const addMs = parseDuration(p.input);
      if (addMs <= 0) return [{ ...p, error: 'must be greater than 0' }, none];
      return [NO_PROMPT, { type: 'extend', id: p.id, addMs }];
    } catch (e) {
      return [{ ...p, error: e instanceof DurationError ? e.message : String(e) }, none];
    }
  }
  if (name === 'backspace' || name === 'delete') return [{ ...p, input: p.input.slice(0, -1), error: undefined }, none];
  if (/^[0-9a-z]$/.test(input)) return [{ ...p, input: p.input + input, error: undefined }, none];
  return [p, none];
}
