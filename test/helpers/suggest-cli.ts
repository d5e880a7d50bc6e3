// `oncall rules suggest --json` on a config file, as a user would run it; its rules.
import { isolatedEnv, runCli } from './stack.js';

export async function runRulesSuggestJson(
  configPath: string,
): Promise<{ cause_matchers: string[]; effect_matchers: string[]; equal: string[] }[]> {
  const r = await runCli(['--config', configPath, 'rules', 'suggest', '--json'], {
    env: isolatedEnv(),
    timeoutMs: 120_000,
  });
  if (r.code !== 0) throw new Error(`rules suggest failed: ${r.stderr}`);
  return JSON.parse(r.stdout).rules;
}
