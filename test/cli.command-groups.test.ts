// A command line that names a command gets a program with only that command's definitions (src/cli/main.ts): its
// parsing, help and errors must be those of the whole program. Checked against the program with every command.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_GROUPS, groupsFor } from '../src/cli/main.js';
import { commandOf } from '../src/cli/start-args.js';

const startTui = async () => undefined;
const full = () => buildProgram([], startTui, '0.0.0');

/** Every command below `c`, as the words that name it (`['silence', 'add']`). */
function paths(c: Command, prefix: string[] = []): string[][] {
  return c.commands.flatMap((s) => [[...prefix, s.name()], ...paths(s, [...prefix, s.name()])]);
}

function find(program: Command, path: string[]): Command | undefined {
  let c: Command | undefined = program;
  for (const name of path) c = c?.commands.find((s) => s.name() === name);
  return c;
}

describe('command groups', () => {
  it('each group defines the commands it lists', () => {
    for (const g of COMMAND_GROUPS) {
      const p = new Command('oncall');
      g.define(p, startTui);
      expect(p.commands.map((c) => c.name())).toEqual(g.names);
    }
    expect(full().commands.map((c) => c.name())).toEqual(COMMAND_GROUPS.flatMap((g) => g.names));
  });

  it('a command line naming a command has that command as the whole program has it', () => {
    const all = full();
    const every = paths(all);
    expect(every.length).toBeGreaterThan(30);
    for (const path of every) {
      for (const args of [
        [...path, '--help'],
        ['--alertmanager', 'http://am:9093', '--timeout=5s', '--no-color', ...path, '--json'],
      ]) {
        const c = find(buildProgram(args, startTui, '0.0.0'), path);
        expect(c, args.join(' ')).toBeDefined();
        expect(c!.helpInformation(), args.join(' ')).toBe(find(all, path)!.helpInformation());
        expect(c!.options.map((o) => o.flags)).toEqual(find(all, path)!.options.map((o) => o.flags));
        expect(c!.commands.map((s) => s.name())).toEqual(find(all, path)!.commands.map((s) => s.name()));
      }
    }
  });

  it('everything else gets every command', () => {
    for (const args of [[], ['--help'], ['help', 'incidents'], ['incidnets'], ['-x', 'incidents'], ['--context']])
      expect(groupsFor(args), args.join(' ')).toBe(COMMAND_GROUPS);
    expect(commandOf(['--config', 'incidents', 'alerts'])).toBe('alerts');
    expect(commandOf(['--timeout', '-5s', 'alerts'])).toBeUndefined();
    expect(groupsFor(['rules', 'suggest']).flatMap((g) => g.names)).toEqual([
      'incidents',
      'incident',
      'rules',
      'review',
      'lint',
    ]);
  });
});
