// Silences and acks: silence add | ls | expire | extend | watch, and ack.
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

export function defineSilenceCommands(program: Command): void {
  const silence = program
    .command('silence')
    .description('Alertmanager silences, with guardrails; written once per cluster and confirmed on every replica');

  silence
    .command('add')
    .description('create a silence (prints its ID); refuses catch-all matchers, asks --yes for broad or long ones')
    .argument('[matchers...]', 'Alertmanager matchers, e.g. alertname="GPUMemoryOOM" cluster="prod"')
    .option('-d, --duration <duration>', 'how long, e.g. 90m or 1d2h (default 1h)')
    .option('--start <time>', 'start later (RFC 3339), for a planned maintenance window')
    .option('--end <time>', 'end at this time (RFC 3339) instead of --duration')
    .option('-c, --comment <text>', 'why (required)')
    .option('-a, --author <name>', 'who (default: author in the context, else $USER)')
    .option('--dry-run', 'show which firing alerts it would match, create nothing')
    .option('--until-resolved', 'expire it as soon as none of its alerts fires (while oncall runs)')
    .option('-y, --yes', 'confirm a silence that needs it (many alerts, several clusters, long)')
    .option('--json', 'machine-readable output')
    .action(async (matchers: string[], opts, cmd: Command) => {
      const { runSilenceAdd } = await import('../commands/silence.js');
      process.exitCode = await runSilenceAdd(globalsOf(cmd), matchers, opts);
    });

  silence
    .command('ls')
    .description('active and pending silences of every Alertmanager, deduplicated, with the firing alerts each matches')
    .option('--expired', 'also recently expired ones (last 24h)')
    .option('--json', 'machine-readable output')
    .action(async (opts, cmd: Command) => {
      const { runSilenceLs } = await import('../commands/silence-ls.js');
      process.exitCode = await runSilenceLs(globalsOf(cmd), opts);
    });

  silence
    .command('expire')
    .description('expire silences now, and confirm on every Alertmanager')
    .argument('<ids...>', 'silence IDs (a silence copied to several clusters is expired on all of them)')
    .option('-y, --yes', 'accepted like every write takes it; naming the IDs is the confirmation')
    .action(async (ids: string[], opts, cmd: Command) => {
      const { runSilenceExpire } = await import('../commands/silence.js');
      process.exitCode = await runSilenceExpire(globalsOf(cmd), ids, opts);
    });

  silence
    .command('extend')
    .description('move the end of a silence (Alertmanager may give it a new ID, which is printed)')
    .argument('<id>', 'silence ID')
    .option('-d, --duration <duration>', 'added to the current end, e.g. 1h')
    .option('--end <time>', 'new end time (RFC 3339)')
    .option('-c, --comment <text>', 'replace the comment')
    .option('-y, --yes', 'confirm a silence longer than silence.max_duration')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts, cmd: Command) => {
      const { runSilenceExtend } = await import('../commands/silence.js');
      process.exitCode = await runSilenceExtend(globalsOf(cmd), id, opts);
    });

  silence
    .command('watch')
    .description('run the until-resolved loop: expire marked silences once their alerts stop firing')
    .option('--interval <duration>', 'how often to look (default: the context refresh_interval)')
    .option('--once', 'look once and exit')
    .action(async (opts, cmd: Command) => {
      const { runSilenceWatch } = await import('../commands/silence.js');
      process.exitCode = await runSilenceWatch(globalsOf(cmd), opts);
    });

  program
    .command('ack')
    .description('silence one alert (fingerprint) or incident (id) for silence.ack_duration, "ack by <author>"')
    .argument('<target>', 'alert fingerprint or incident id')
    .option('--until-resolved', 'expire the ack as soon as its alerts stop firing (while oncall runs)')
    .option('-a, --author <name>', 'who (default: author in the context, else $USER)')
    .option('--dry-run', 'show what it would silence, create nothing')
    .option('-y, --yes', 'confirm an ack that needs it (many alerts, several clusters)')
    .option('--json', 'machine-readable output')
    .action(async (target: string, opts, cmd: Command) => {
      const { runAck } = await import('../commands/ack.js');
      process.exitCode = await runAck(globalsOf(cmd), target, opts);
    });
}
