// oidc-provider ships no types (and @types/oidc-provider is not installed): the part the
// local identity provider uses, as documented in its README for 9.x.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AccountClaims = { sub: string; [claim: string]: unknown };
  export type Account = { accountId: string; claims(use: string, scope: string): Promise<AccountClaims> };

  export type InteractionDetails = {
    uid: string;
    prompt: {
      name: 'login' | 'consent' | string;
      details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    };
    params: Record<string, string | undefined>;
    session?: { accountId: string };
    grantId?: string;
  };

  export type InteractionResult =
    | { login: { accountId: string } }
    | { consent: { grantId?: string } }
    | { error: string; error_description?: string };

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export type ClientMetadata = {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    response_types?: string[];
    grant_types?: string[];
  };

  export type Configuration = {
    clients: ClientMetadata[];
    jwks: { keys: object[] };
    cookies: { keys: string[] };
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
    claims: Record<string, string[]>;
    conformIdTokenClaims: boolean;
    pkce: { required(ctx: unknown, client: unknown): boolean };
    /** Lifetimes in seconds (set, so the provider does not warn about its defaults). */
    ttl: Record<'Interaction' | 'Session' | 'Grant' | 'AccessToken' | 'IdToken', number>;
    features: { devInteractions: { enabled: boolean } };
    interactions: { url(ctx: unknown, interaction: { uid: string }): string };
  };

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): void;
  }
}
