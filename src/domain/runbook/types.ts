// A runbook: markdown with YAML frontmatter naming the alerts it serves, sections in the prometheus-operator
// convention, checklist steps, and PromQL checks with an expectation.
import type { Matcher } from '../matchers.js';

/** A problem found while reading or linting a runbook; lines are 1-based and count from the top of the file. */
export interface Problem {
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** `{expect="< 0.9"}`: every sample of the query must compare true against `value`. */
export interface Expectation {
  op: CompareOp;
  value: number;
  /** As written, for display. */
  text: string;
}

export interface CodeBlock {
  /** promql blocks are run; shell blocks are shown and never run; anything else is shown. */
  kind: 'promql' | 'shell' | 'other';
  /** The language word of the fence (`promql`, `sh`, …). */
  lang: string;
  code: string;
  /** Line of the opening fence in the file. */
  line: number;
  /** Column (0-based) where the code's lines start in the file: the fence's indentation. */
  indent: number;
  expect?: Expectation;
  /** Set when `expect` was given but could not be read. */
  expectError?: string;
}

export interface Step {
  /** 0-based position among the runbook's steps. */
  index: number;
  /** Stable across edits that do not touch the step's text: used to key saved progress. */
  key: string;
  text: string;
  /** The step's text as inline pieces (links, code, emphasis). */
  inline: Inline[];
  line: number;
  /** Title of the section the step is in. */
  section: string;
  blocks: CodeBlock[];
  /** Checked in the file (`- [x]`): shown as a reminder, progress is still per incident. */
  checkedInFile: boolean;
}

export interface Section {
  title: string;
  level: number;
  line: number;
}

export interface RunbookMeta {
  alerts: string[];
  owner: string;
  lastReviewed: string;
  title?: string;
}

export interface Runbook {
  /** File name without `.md`; the key for saved progress. */
  id: string;
  path: string;
  /** Whole file text. */
  text: string;
  /** Markdown after the frontmatter. */
  body: string;
  /** Line in the file where `body` starts. */
  bodyLine: number;
  /** Missing fields are empty when the frontmatter is broken; `problems` says why. */
  meta: RunbookMeta;
  /** One matcher set per `alerts` entry that parsed; the runbook serves an alert that any set matches. */
  matchers: Matcher[][];
  /** Line of each `alerts` entry in the file (same order as meta.alerts). */
  alertLines: number[];
  title: string;
  sections: Section[];
  steps: Step[];
  /** Code blocks that follow no step (shown, and PromQL-checked by lint). */
  looseBlocks: CodeBlock[];
  /** The body in reading order, for views. */
  doc: DocBlock[];
  /** Problems found while parsing (frontmatter, matchers, fences). Lint adds more. */
  problems: Problem[];
}

export type CheckOutcome = 'pass' | 'fail' | 'nodata' | 'error' | 'shown';

/** The result of running one PromQL block. */
export interface CheckResult {
  outcome: CheckOutcome;
  /** Short text: values with their distinguishing labels, or the error. */
  summary: string;
  /** The query as run, placeholders filled. */
  query: string;
  /** ISO time it ran. */
  at: string;
}

/** A piece of inline text; links keep their target so views can show it and decide whether it may be opened. */
export interface Inline {
  text: string;
  style?: 'strong' | 'em' | 'code' | 'link';
  href?: string;
}

/** The runbook body as blocks a view can lay out without a markdown parser. */
export type DocBlock =
  | { type: 'heading'; depth: number; inline: Inline[]; line: number }
  | { type: 'paragraph'; inline: Inline[]; line: number; quote?: boolean }
  | { type: 'item'; inline: Inline[]; depth: number; bullet: string; line: number }
  | { type: 'step'; step: number; depth: number; line: number }
  | { type: 'code'; block: CodeBlock; step?: number }
  | { type: 'rule'; line: number };
