// What the figures mean where a target is missed: why, and what would close it. Kept next to the generator so
// that RESULTS.md carries the explanation with every run.
export const NOTES = {
  choices: [
    '- `--json` output: a document with a list of more than 100 elements is written one compact element per line, in 1 MB slices; smaller ones are indented as before. Same JSON value either way; a storm no longer costs a second 25 MB string.',
    '- The alert list is validated by a hand-written checker (src/backends/alertmanager-alerts.ts) instead of zod; errors keep the shape `invalid response at [i].field: ...`.',
    '- Plain reads go out over node:http before axios is loaded; axios is loaded on first use for writes, proxied reads and redirects.',
    '- `oncall --version` loads commander and the command definitions only; each command imports its clients when it runs.',
  ].join('\n'),
};
