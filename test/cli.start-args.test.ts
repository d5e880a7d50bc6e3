// The command lines the entry point runs without commander (src/cli/start-args.ts): only the exact forms, with the
// options as commander would hand them over; anything else goes to commander (its errors and help stay its own).
import { describe, expect, it } from 'vitest';
import { startRoute } from '../src/cli/start-args.js';

describe('start routes', () => {
  it('--version and -v alone', () => {
    expect(startRoute(['--version'])).toEqual({ kind: 'version' });
    expect(startRoute(['-v'])).toEqual({ kind: 'version' });
    expect(startRoute(['-V'])).toBeUndefined();
    expect(startRoute(['--version', '--help'])).toBeUndefined();
  });

  it('statusline with a known format, or none', () => {
    expect(startRoute(['statusline'])).toEqual({ kind: 'statusline', format: 'text' });
    expect(startRoute(['statusline', '--format', 'tmux'])).toEqual({ kind: 'statusline', format: 'tmux' });
    expect(startRoute(['statusline', '--format=json'])).toEqual({ kind: 'statusline', format: 'json' });
    for (const rest of [['--format'], ['--format', 'xx'], ['--format='], ['--help'], ['--context', 'a'], ['x']])
      expect(startRoute(['statusline', ...rest]), rest.join(' ')).toBeUndefined();
    expect(startRoute(['--context', 'a', 'statusline'])).toBeUndefined();
  });

  it('the TUI with global options, as commander has them', () => {
    expect(startRoute([])).toEqual({ kind: 'tui', globals: { color: true } });
    expect(
      startRoute([
        '--context',
        'prod',
        '--config=/tmp/a=b.yaml',
        '--no-color',
        '--alertmanager',
        'http://a',
        '--alertmanager=http://b',
        '--prometheus',
        'http://p',
        '--timeout',
        '5s',
        '--context',
        'lab',
      ]),
    ).toEqual({
      kind: 'tui',
      globals: {
        color: false,
        context: 'lab',
        config: '/tmp/a=b.yaml',
        alertmanager: ['http://a', 'http://b'],
        prometheus: 'http://p',
        timeout: '5s',
      },
    });
  });

  it('leaves everything else to commander', () => {
    for (const args of [
      ['--context'],
      ['--context='],
      ['--context', '--no-color'],
      ['--timeout', '-1s'],
      ['--color'],
      ['--bogus'],
      ['-h'],
      ['--help'],
      ['alerts'],
      ['--context', 'a', 'alerts'],
      ['--', 'x'],
    ])
      expect(startRoute(args), args.join(' ')).toBeUndefined();
  });
});
