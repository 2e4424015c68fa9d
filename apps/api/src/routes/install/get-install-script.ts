import type { ApiApp, ApiContext } from '../../context.js';
import type { InstallFiles } from './install-files.js';
import { readAgentVersion, readInstallTemplate } from './read-install-template.js';
import { renderInstallScript } from './render-install-script.js';

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * GET /install.sh — the agent installer (`curl -fsSL <url>/install.sh | sh -s -- --token …`), with
 * this Berth's URLs baked in: downloads come from the public URL, agents connect to the gateway URL.
 */
export function registerGetInstallScript(
  app: ApiApp,
  ctx: Pick<ApiContext, 'settings'>,
  files: InstallFiles,
): void {
  app.get(
    '/install.sh',
    {
      config: { access: 'public' },
      schema: { summary: 'The agent install script (POSIX sh)', tags: ['install'] },
    },
    async (_request, reply) => {
      const template = await readInstallTemplate(files.installScriptPath);
      const version = files.agentVersion ?? (await readAgentVersion(files.agentPackagePath));
      const script = renderInstallScript(template, {
        'public-url': withoutTrailingSlash(ctx.settings.publicUrl),
        'gateway-url': withoutTrailingSlash(ctx.settings.gatewayUrl),
        ...(version ? { 'agent-version': version } : {}),
      });
      // Always fresh: the script carries the URLs and version of this deployment.
      return reply
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .type('text/x-shellscript; charset=utf-8')
        .send(script);
    },
  );
}
