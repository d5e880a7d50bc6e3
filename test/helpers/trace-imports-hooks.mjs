// Module hooks for test/cli.startup.test.ts: every module URL resolved is appended to $TRACE_IMPORTS_FILE.
import fs from 'node:fs';

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.TRACE_IMPORTS_FILE) fs.appendFileSync(process.env.TRACE_IMPORTS_FILE, `${r.url}\n`);
  return r;
}
