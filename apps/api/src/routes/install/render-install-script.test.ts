import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveInstallFiles } from './install-files.js';
import { renderInstallScript, shellQuote } from './render-install-script.js';

const template = readFileSync(resolveInstallFiles().installScriptPath, 'utf8');

/** What sh makes of the rendered script's template assignments. */
function shellValues(script: string): Record<string, string> {
  const assignments = script.split('\n').filter((line) => line.includes('# berth:template '));
  const out = execFileSync('sh', [
    '-c',
    `${assignments.join('\n')}\nprintf '%s\\0' "$BERTH_URL" "$DEFAULT_SERVER" "$AGENT_VERSION"`,
  ]).toString();
  const [publicUrl = '', gatewayUrl = '', version = ''] = out.split('\0');
  return { publicUrl, gatewayUrl, version };
}

describe('renderInstallScript', () => {
  it('bakes the public URL, gateway URL and agent version into the script', () => {
    const script = renderInstallScript(template, {
      'public-url': 'https://berth.example.com',
      'gateway-url': 'https://agents.example.com',
      'agent-version': '1.2.3',
    });
    expect(shellValues(script)).toEqual({
      publicUrl: 'https://berth.example.com',
      gatewayUrl: 'https://agents.example.com',
      version: '1.2.3',
    });
    // Only the three template lines change.
    const changed = script.split('\n').filter((line, index) => line !== template.split('\n')[index]);
    expect(changed).toHaveLength(3);
  });

  it('keeps quotes, $(…), backticks and backslashes literal: sh reads back exactly the value', () => {
    const hostile = "https://x.example/'$(touch /tmp/berth-pwned)'`id`\\n\"";
    const script = renderInstallScript(template, { 'public-url': hostile, 'gateway-url': hostile });
    expect(shellValues(script)).toMatchObject({ publicUrl: hostile, gatewayUrl: hostile });
  });

  it('refuses values with line breaks, and values that have no template line', () => {
    expect(() => shellQuote('https://x\nrm -rf /')).toThrow(/line breaks/);
    expect(() => renderInstallScript(template, { 'no-such-key': 'x' })).toThrow(/no-such-key/);
  });

  it('keeps the agent version default in infra/install.sh equal to the agent package version', () => {
    const agent = JSON.parse(readFileSync(resolveInstallFiles().agentPackagePath, 'utf8')) as {
      version: string;
    };
    expect(shellValues(template).version).toBe(agent.version);
  });
});
