// A counting pass-through in front of a real server: how many HTTP requests the TUI sends per refresh, by
// method and path, seen from outside the process (Alertmanager 0.25 does not count its API requests itself).
import http from 'node:http';

export async function countingProxy(targetUrl) {
  const target = new URL(targetUrl);
  const counts = new Map();
  const server = http.createServer((req, res) => {
    const key = `${req.method} ${req.url.split('?')[0]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    snapshot: () => new Map(counts),
    /** Requests since `before` (a snapshot), by "METHOD /path". */
    since: (before) => {
      const out = {};
      for (const [k, v] of counts) if (v - (before.get(k) ?? 0) > 0) out[k] = v - (before.get(k) ?? 0);
      return out;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}
