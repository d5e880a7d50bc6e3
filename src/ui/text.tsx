// The TUI's one way to draw text: Ink's Text with every string child sanitised (src/domain/sanitize.ts) at the
// rendering boundary, so server text, error messages and user input cannot reach the terminal raw, whatever path
// they took to the screen, and no credential of the configuration shows (src/domain/secrets.ts). The product's own colours are Text props that Ink turns into escape codes after this;
// test/cli.output-sink.test.ts checks that no other file imports Ink's Text.
import type { ReactNode } from 'react';
import { Text as InkText, type TextProps } from 'ink';
import { sanitizeKeepingOwn } from '../domain/sanitize.js';
import { scrubSecrets } from '../domain/secrets.js';

const clean1 = (s: string) => scrubSecrets(sanitizeKeepingOwn(s));

function clean(children: ReactNode): ReactNode {
  if (typeof children === 'string') return clean1(children);
  if (Array.isArray(children)) {
    let out: ReactNode[] | undefined;
    for (let i = 0; i < children.length; i++) {
      const c = children[i] as ReactNode;
      const d = typeof c === 'string' ? clean1(c) : Array.isArray(c) ? clean(c) : c;
      if (d !== c) (out ??= children.slice())[i] = d;
    }
    return out ?? children;
  }
  return children;
}

export function Text(props: TextProps) {
  return <InkText {...props}>{clean(props.children)}</InkText>;
}
