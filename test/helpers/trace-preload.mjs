// Preloaded with --import by test/cli.startup.test.ts and cli.errors.test.ts: registers the module tracer and
// notes each HTTP(S) request in the same file as "request <path>", at the moment the command calls http(s).get or
// request. (The http.client.request.start channel fires only once the request is flushed to a connected socket, by
// when a module the command imports meanwhile may already be traced.)
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import * as module from 'node:module';

if (typeof module.registerHooks === 'function') {
  // Node >= 22.15: hooks on this thread, which also see require() from CommonJS packages.
  module.registerHooks({
    resolve(specifier, context, next) {
      const r = next(specifier, context);
      fs.appendFileSync(process.env.TRACE_IMPORTS_FILE, `${r.url}\n`);
      return r;
    },
  });
} else {
  // Node 20: hooks on a thread of their own (trace-imports-hooks.mjs), which see import only.
  module.register(new URL('./trace-imports-hooks.mjs', import.meta.url).href);
}

function note(target) {
  const p =
    typeof target === 'string'
      ? new URL(target).pathname
      : target instanceof URL
        ? target.pathname
        : String(target?.path ?? '');
  fs.appendFileSync(process.env.TRACE_IMPORTS_FILE, `request ${p.split('?')[0]}\n`);
}

for (const mod of [http, https]) {
  for (const name of ['get', 'request']) {
    const original = mod[name];
    mod[name] = function traced(target, ...rest) {
      note(target);
      return original.call(this, target, ...rest);
    };
  }
}

// The first write to stdout, as "stdout": for the TUI, the switch to the alternate screen and its first frame, so a
// test can tell what loaded before the first frame.
const write = process.stdout.write;
process.stdout.write = function tracedWrite(...args) {
  process.stdout.write = write;
  fs.appendFileSync(process.env.TRACE_IMPORTS_FILE, 'stdout\n');
  return write.apply(this, args);
};
