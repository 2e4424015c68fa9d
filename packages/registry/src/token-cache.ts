type Entry = { token: string; expiresAt: number };

/** Bearer tokens by realm, service, scope and user, kept until shortly before they expire. */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  static key(parts: readonly (string | undefined)[]): string {
    return parts.map((part) => part ?? '').join('\n');
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.token;
    this.entries.delete(key);
    return undefined;
  }

  /** A margin of a tenth of the lifetime (at most 30 s) so a token never expires in flight. */
  set(key: string, token: string, expiresInSeconds: number): void {
    const lifetime = expiresInSeconds * 1000;
    this.entries.set(key, { token, expiresAt: this.now() + lifetime - Math.min(lifetime / 10, 30_000) });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
