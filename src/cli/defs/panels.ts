// SLO, GPU and model-quality panels as commands: oncall slo, oncall gpu, oncall quality.
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

const width = (v: string) => Number(v);

export function definePanelsCommands(program: Command): void {
  program
    .command('slo [name]')
    .description(
      'SLO burn rates over 5m…3d, Workbook alert state, error budget left and time to exhaustion; configured SLOs plus Sloth and Pyrra SLOs found in Prometheus. With NAME: one SLO, its error ratio over the period and its firing alerts',
    )
    .option('--json', 'machine-readable output')
    .option('--no-discover', 'only configured SLOs (skip looking for Sloth/Pyrra recording rules)')
    .option('--width <cells>', 'sparkline width', width, 60)
    .option('--ascii', 'ASCII charts instead of Unicode blocks')
    .action(async (name: string | undefined, opts, cmd: Command) => {
      const { runSlo } = await import('../commands/slo.js');
      await runSlo(globalsOf(cmd), { ...opts, name });
    });

  program
    .command('gpu')
    .description('GPU memory used per host and GPU over the last hour, worst first, with time to full')
    .option('--json', 'machine-readable output')
    .option('--width <cells>', 'sparkline width (one point per cell)', width, 60)
    .option('--ascii', 'ASCII charts instead of Unicode blocks')
    .action(async (opts, cmd: Command) => {
      const { runGpu } = await import('../commands/gpu.js');
      await runGpu(globalsOf(cmd), opts);
    });

  program
    .command('quality')
    .description(
      'model quality per model: PSI, embedding similarity, accuracy vs baseline, user corrections, and firing quality alerts',
    )
    .option('--json', 'machine-readable output')
    .option('--model <name>', 'only this model')
    .option('--width <cells>', 'sparkline width', width, 40)
    .option('--ascii', 'ASCII charts instead of Unicode blocks')
    .action(async (opts, cmd: Command) => {
      const { runQuality } = await import('../commands/quality.js');
      await runQuality(globalsOf(cmd), opts);
    });
}
