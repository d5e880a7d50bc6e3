// What the figures mean where a target is missed: why, and what would close it. Kept next to the generator so
// that RESULTS.md carries the explanation with every run. Figures quoted here were measured on the 2-core
// benchmark machine (CPU profiles of the same commands); the tables above are the run's own.
export const NOTES = {
  'incidents-vs-curl': {
    why: "the Node floor itself is at the target: a bare `node` fetch + JSON.parse of the same response takes 1.4–1.7 × curl in our runs (1.39 × in one quiet run) (see its row; curl's time is Alertmanager rendering 19 MB, 0.7–1.1 s). `oncall incidents --json` sends its request 0.01–0.02 s after that bare script does (commander and the Alertmanager client only; the config parser, zod and the grouping load while Alertmanager renders), but then has more to do once the body is in (CPU profiles of the command, this machine): JSON.parse 0.05–0.1 s, checking the alerts 0.01–0.02 s, grouping 0.11–0.17 s (its first call, before the JIT has compiled it; see the grouping table) and writing 14–18 MB of JSON 0.12–0.17 s. Alertmanager also renders more slowly while the command loads its modules on the other core (about 1.0–1.4 s instead of 0.9–1.1 s on this 2-core machine).",
    close:
      "at 1.5 × curl everything after the request has about 0.4 s; JSON.parse of 19 MB and JSON.stringify of 17 MB alone take about 0.35 s in Node 20. What is left: a process that outlives the command (the TUI's worker already answers from memory after its first fetch; a `--watch` mode would do the same for scripts), or splitting parsing and writing across two threads, which would cost the memory target (each thread would hold its own parsed copy). Tried and measured without gain: V8 flags for an earlier tier-up of the first, uncompiled grouping call (--maglev, --always-sparkplug, smaller interrupt budgets), young-generation sizes (a larger one, 32–64 MB semi-spaces, made the command 7–20% slower and its RSS 25–80 MB larger; a smaller one, 1–8 MB, was 3–7% faster in two alternated runs on an earlier machine and no faster in 20 on this one, only smaller), and a hand-written serializer for the output (no faster than JSON.stringify once compiled).",
  },
  'incidents-vs-amtool': {
    why: 'see the comparison with curl: start-up, parsing, grouping and writing the output.',
    close: 'faster grouping on its first call, and less to parse and write.',
  },
  'alerts-vs-amtool': {
    why: 'JSON.parse of the whole body, and writing it out again.',
    close: 'writing straight from the response text, where the output is a copy of it.',
  },
  'rss-vs-node': {
    why: 'the parsed alerts, the incidents built on them and the output slices are alive at once.',
    close: "release the parsed response before writing (write incidents from the grouping's own arrays).",
  },
  'rss-abs': { why: 'as above.', close: 'as above.' },
  'grouping-100k': {
    why: "the algorithm is linear (the 20,000 → 100,000 growth is well under n log n): label values become small integers, indexes are keyed by numbers, each alert is read once into typed arrays and incidents are sorted by counting. Measured step by step at 100,000 alerts: reading the alerts into the arrays 120–150 ms (the first touch of each alert's strings, spread over 100 MB), building the incidents and their per-alert objects 90–130 ms (titles 20–40 ms of it), causal order 15–25 ms, edges about 20 ms, incident order about 15 ms. The process keeps one small example of each working structure (src/domain/incidents/shapes.ts) so that V8 does not throw the compiled code away between calls. Settled calls still vary by ±15% from run to run and between processes on this shared machine.",
    close:
      "have the response parser, which touches every alert's strings anyway, fill compact arrays with what grouping reads (start time, fingerprint hash, severity, name, the rules' label values), so that grouping never walks the alert objects; or regroup only the alerts that changed since the last refresh.",
  },
  'grouping-growth': {
    why: "the work grows linearly, the time does not: from 20,000 to 100,000 alerts the causal edges grow 5 times (the grouping table's last column), the distinct label values and the incidents 4.8–5 times, yet every step of the grouping takes 6–8 times as long, the plain passes over arrays and the counting sort as much as the rest. At 20,000 alerts the parsed alerts (about 26 MB) and the grouping's arrays (about 2 MB) are still largely in the CPU caches when a call starts; at 100,000 (about 130 MB and 10 MB) every alert is fetched from memory. Measured on settled calls; the calls 2–6 of the same processes grow less only because the 20,000 figure then still includes V8 optimizing.",
    close:
      "touching less memory per alert narrows it: the response parser, which reads every alert anyway, could fill compact arrays with what grouping reads (start time, fingerprint hash, severity, name, the rules' label values as small integers), so that grouping reads some 30 bytes per alert in order instead of the alert objects (about half of a 100,000-alert call is that first read). It would not close it alone: the later steps work on arrays of 0.4–0.8 MB each at 100,000 alerts, past the per-core cache, and grow 6–8 times too. A measure of the work itself (edges, values and incidents, which grow 5 times) would show the linear growth that the times cannot. Tried: the label values made one string per distinct value while checking the response (1.2 million strings at 100,000 alerts become 5,377): no change at 100,000, so it is the alert and label objects, not their strings, that miss the cache.",
  },
  version: {
    why: 'something heavy is imported before the command runs.',
    close: 'run test/cli.startup.test.ts: it names the module.',
  },
  'tui-key-median': {
    why: "the rows are short memoised texts, the parts that repeat from row to row are texts of their own, Ink's conversion of texts to cells is kept across frames, and Ink 6.8's output stage is run with the lines that did not change kept as they were and no new blank cells per frame (src/ui/ink-output-cache.ts), so a cursor move converts and joins only the two rows that changed. What is left per frame is walking Ink's node tree into a fresh grid and comparing it line by line with the last one, plus React and layout.",
    close:
      'fewer Ink nodes per row (each costs a layout node and a write per frame), or an output stage that draws only the lines that changed. Ink 8 is no such stage: on Node 24 its key → frame median was 12.9 ms against 4.4 ms for Ink 6.8.0 with src/ui/ink-output-cache.ts (README, Dependencies).',
  },
  'tui-key-p99': {
    why: 'the slowest keys are the ones that change every row at once (G, g, PageUp, PageDown, Tab to another view): every row is mounted anew (React, and a layout node per text), every text on screen is new and is converted to cells, and every line is joined again; the first such key after start-up is the slowest, since V8 has not yet compiled that path. More when a garbage collection or the once-a-second header re-render falls in the same frame. With 53 keys the p99 is the slowest of them, so it moves by ±10 ms between runs.',
    close:
      'converting the next page ahead of time while the user reads this one, or an output stage that draws only the lines that changed. Tried without gain: rows keyed by screen line instead of by alert, so that a jump updates rows instead of mounting new ones (four alternated tmux runs at 20,000 alerts: G 29–71 ms against 43–62, Tab to the alerts view 41–69 ms against 21–30). Ink 8 is no such stage: on Node 24 its key → frame median was 12.9 ms against 4.4 ms for Ink 6.8.0 with src/ui/ink-output-cache.ts (README, Dependencies).',
  },
  'tui-stall': {
    why: "fetching, parsing and grouping run in the worker thread, and incidents unchanged since the last refresh travel as their ID only. The UI thread takes the results in chunks weighed by what they cost it (1,500 alerts of new incidents, or 3,000 of unchanged ones, which it only files), one chunk per event-loop turn, so keys and timers get in between; it counts every alert for the header and pays for the garbage collections that follow; the alerts view's order is prepared in slices of 2,000 alerts between frames. The longest stall is one chunk, or the first frame drawn from the new data.",
    close:
      'keep the alert store in the worker and send the UI thread only the rows on screen plus the counts (filtering, sorting and the selection by key done in the worker).',
  },
  'first-frame': {
    why: 'something loads before the frame is written: the entry point, the config file (YAML and the schema, when there is one), the context; test/cli.startup.test.ts lists what loads before it.',
    close: 'load less before it (the frame needs only the context name, the backends and the terminal size).',
  },
  'complete-storm': {
    why: "from the TUI's own log (ONCALL_BENCH_RENDER_LOG) and a timing pass-through in front of Alertmanager, on the machine of the committed run (four starts): the data worker is ready 0.10–0.12 s after the start and has the context at 0.10–0.13 s, and the TUI's alert request leaves at 0.12–0.14 s, 0.05–0.07 s after the command's (whose leaves 0.065–0.085 s after it is spawned). Alertmanager then renders the list as long as for the command, while the UI thread loads Ink and the incidents view (until 0.23–0.33 s). After the body the worker parses and groups it as the command does (0.3–0.4 s with its garbage collection), then leaves out the heartbeat alerts, puts the incidents in the TUI's order (active first, oldest first) and counts them for the header (about 0.05 s at 20,000 single-alert incidents, collections included, in CPU profiles of the worker; 0.07 s while the order was a comparator sort, which alone took 0.03–0.05 s of it), and the top of the list (at most 200 incidents and 400 alerts) is on screen 0.10–0.12 s after the UI thread receives it (its first frame with data: React mounts every row and Ink converts every new text to cells, on code V8 has not compiled yet), where the command writes 14–18 MB of JSON (0.12–0.17 s). The rest is the spread of one machine's two cores shared by Alertmanager, the UI thread and the worker: single rounds of the same build gave 0.79–1.18 on this machine, 0.93–1.44 on an earlier one.",
    close:
      "before the body, the worker's thread start (about 0.1 s, begun first thing by the entry point) and the config file's parsing on the UI thread, which end about together. On this 2-core machine CPU spent while Alertmanager renders delays its answer almost one for one (a bare client that burned 100 or 200 ms of CPU right after sending its request got the body 0.17 and 0.19 s later, medians of 8 alternated rounds), which Ink's loading does; but loading Ink only once the first data arrive made the picture slower, 1.22 against 1.02 × `incidents --json` in six alternated rounds (Ink then loads after the body, and the frame waits for it), so Ink still loads during the wait. Tried without gain before: warming the grouping up in the worker during the wait (its first call 0.20 → 0.16 s, but Ink and Alertmanager slowed by as much), and a hidden frame of the app drawn on made-up data during the wait, so that the first data frame runs on compiled code (that frame 0.13 → 0.11 s, but the hidden one took 0.15 s of the UI thread before Ink's first frame: the single-alert picture went 1.50 → 1.67 s in six alternated rounds). Most of that frame is data-bound: the texts of 40 new rows converted to cells for the first time.",
  },

  'incidents-vs-node-storm': {
    why: "after the body both parse it (the same JSON.parse, 0.05–0.1 s); the command then checks and converts the alerts (10–20 ms), groups them on a first call that V8 has not compiled yet (0.11–0.14 s alone, against 0.03–0.04 s once compiled; see the grouping table) and writes 14–18 MB of JSON (JSON.stringify alone takes 0.09–0.13 s of it: about 170 MB/s in Node 20, measured on the same incidents apart from the command); bare node does none of these, and exits before its garbage collector has to copy the parsed alerts again (--trace-gc: 0.075–0.085 s of collections in the command against 0.045 s in the bare script). Its request leaves 0.01–0.02 s after the bare script's (0.065–0.085 s against 0.05–0.07 s after spawning, six rounds at a pass-through). On this machine `node -e 0` takes 26 ms, so the bare script is mostly Alertmanager's time and the parse, and the command's fixed costs weigh more than on the machine of earlier runs (63–84 ms), where the storm's ratio passed at 1.21–1.29.",
    close:
      "a first grouping call that costs what later ones do, which needs code V8 compiles sooner, or a process that outlives the command (the TUI's worker, `oncall watch`). Tried without gain: V8 flags set at run time before the first grouping call (--always-sparkplug, --no-lazy-feedback-allocation, --interrupt-budget=16000, --no-concurrent-osr: 107–123 ms against 110 ms, medians of 7 alternated processes), a young generation kept at 1 MB (--semi-space-growth-factor=1, which can be set at run time: peak RSS 147 → 111 MB, time unchanged at 1.36 against 1.38 × bare node in 20 alternated rounds), and warming the grouping up on a made-up storm during the wait (2 × 2,000 alerts took 0.17 s on the first calls and saved 0.04 s of the real one).",
  },

  'http-per-refresh': {
    why: 'a panel asks per SLO or per GPU, or the alerts are fetched more than once per Alertmanager.',
    close: 'batch the panel queries (one query per window for all SLOs, one per metric for all GPUs).',
  },
  choices: [
    "- Alerts are unique label sets from the grouping's synthetic storm (the article's chains across five clusters, hosts and models, with unrelated alerts on the same hosts), with the labels and annotations a real rule carries (namespace, team, prometheus; summary, description, runbook_url, dashboard): about 1 kB per alert in the API's JSON, so 19 MB at 20,000 alerts.",
    '- Every command is run as a user would, from a fresh process, with stdout to /dev/null and the same empty HOME; `oncall` gets `--timeout 5m` and amtool `--timeout=5m` so that 100,000 alerts do not hit the default timeouts.',
    '- amtool shows only active alerts by default; every alert here is active, so all five commands return the same N alerts (checked before the timed rounds).',
    '- `--json` output: a document with a list of more than 100 elements is written one compact element per line, in 1 MB slices; smaller documents are indented as before. It is the same JSON value, and a storm no longer costs a second 25 MB string.',
    '- The alert list is checked by a hand-written validator (src/backends/alertmanager-alerts.ts) instead of zod; errors keep the shape `invalid response at [i].field: ...`.',
    '- Reads without a proxy go out over node:http before axios is loaded, and the body is decoded as it arrives; axios is loaded on first use for writes, proxied reads and redirects. `alerts` and `incidents` send their requests before loading the config parser (needed only when a config file exists), zod or the grouping (test/cli.startup.test.ts checks the modules loaded by the time the request is made).',
    '- `oncall --version` and `--help` load commander and the command definitions only (test/cli.startup.test.ts checks which modules load, not how long it takes).',
    "- Grouping alone runs in a process of its own that holds only the parsed alerts, as the TUI's worker does (bench/lib/grouping.mjs): in the benchmark's own process, which also holds the posted storm and every response it read, the same calls took 2–4 times as long (the sweeping left by each forced full collection of that large heap lands inside the timed call). In each of three processes, 11 calls, each after a full collection: the first (nothing compiled yet, as a one-shot `oncall incidents` pays it), calls 2–6 (V8 is still optimizing: at 100,000 alerts they go from about 400 down to 280 ms) and calls 7–11, where the time has settled; the figure is the median of the settled calls, and of the three processes. The TUI's worker, which refreshes every 15 s by default, is past the first six calls within two minutes. Both earlier figures are in the table. It runs after Alertmanager has stopped: having just taken 80,000 alerts, Alertmanager keeps a core or more busy with them for a while, which had added up to a third to the figure.",
    '- The TUI figures come from the TUI itself (ONCALL_BENCH_RENDER_LOG), so they measure the UI thread, not tmux.',
    "- No V8 code cache or startup snapshot on Node 20: it has neither for an ES-module bundle (a user snapshot takes one CommonJS script; `vm` caches scripts, and modules only behind --experimental-vm-modules). Node 22 and later cache compiled code on disk (`module.enableCompileCache`, called by the entry point). Measured where it exists, on Node 24 with the cache on and off in alternated starts with the Alertmanager down (8 and 12 rounds): the first frame moved by 0.006–0.016 s and Ink's first frame by 0.01–0.05 s; `incidents --json` at 20,000 alerts moved less than its spread between rounds. A CPU profile of the TUI's start on Node 20 spends 0.056 s compiling modules on the UI thread, about what such a cache could save there.",
  ].join('\n'),
};

// The single-alert shape misses for the same reasons as the storm.
NOTES['complete-worst'] = NOTES['complete-storm'];
NOTES['incidents-vs-node-worst'] = NOTES['incidents-vs-node-storm'];
