import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails, default as Provider } from 'oidc-provider';

/** A person the local identity provider knows: signs in by `login`, identified by `sub`. */
export type IdpAccount = { login: string; sub: string; email: string; emailVerified: boolean; name: string };

/** What the relying party (the console) put in an authorization request. */
export type AuthorizationParams = Record<string, string | undefined>;

const PAGE_STYLE = 'body{font:16px system-ui;margin:3rem auto;max-width:24rem}input,button{font:inherit}';

/**
 * The identity provider's own login and consent pages (instead of oidc-provider's
 * devInteractions, whose page pulls a web font): a username form, then an "Allow" form.
 * Every authorization request's parameters are recorded for the test to inspect.
 */
export function createInteractions(provider: Provider, accounts: readonly IdpAccount[]) {
  const requests: AuthorizationParams[] = [];
  const seen = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://idp.invalid');
    const [, , uid, step] = url.pathname.split('/');
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, 'Interaction mismatch', '<p>Start again.</p>');
    if (!seen.has(details.uid)) {
      seen.add(details.uid);
      requests.push(details.params);
    }
    if (req.method === 'GET') {
      const page = interactionPage(details.uid, details.prompt.name, details.params);
      return send(res, 200, page.title, page.body);
    }
    if (step === 'login') {
      const login = (await readForm(req)).get('login') ?? '';
      const account = accounts.find((candidate) => candidate.login === login);
      if (!account) return send(res, 400, 'Unknown user', `<p>No account "${escapeHtml(login)}".</p>`);
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    if (step === 'consent') return consent(req, res, details);
    return send(res, 404, 'Not found', '');
  }

  async function consent(
    req: IncomingMessage,
    res: ServerResponse,
    details: InteractionDetails,
  ): Promise<void> {
    const accountId = details.session?.accountId;
    const clientId = details.params.client_id;
    if (!accountId || !clientId) return send(res, 400, 'No session', '<p>Sign in first.</p>');
    const grant = new provider.Grant({ accountId, clientId });
    const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return { handle, requests };
}

type Page = { title: string; body: string };

function interactionPage(uid: string, prompt: string, params: AuthorizationParams): Page {
  if (prompt === 'login') {
    return {
      title: 'Local IdP sign-in',
      body: `<form method="post" action="/interaction/${uid}/login">
         <label>Username <input name="login" autofocus required></label>
         <button type="submit">Sign in</button>
       </form>`,
    };
  }
  return {
    title: 'Local IdP consent',
    body: `<p>${escapeHtml(params.client_id ?? '')} asks for: ${escapeHtml(params.scope ?? '')}</p>
     <form method="post" action="/interaction/${uid}/consent"><button type="submit">Allow</button></form>`,
  };
}

function send(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><title>${title}</title><style>${PAGE_STYLE}</style><h1>${title}</h1>${body}`);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
