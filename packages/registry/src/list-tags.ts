import * as z from 'zod/mini';
import type { RegistryClient, RepositoryTarget } from './registry-client.js';
import { RegistryError } from './registry-error.js';

const ZTagListSchema = z.object({ name: z.string(), tags: z.nullable(z.array(z.string())) });

export type ListTagsOptions = {
  /** Page size asked for with `n=`; registries may cap it. */
  pageSize?: number;
  /** A bound on pages so a registry that links in circles cannot hold a check forever. */
  maxPages?: number;
};

/** The `rel="next"` target of a `Link` header, as a path on the same registry. */
function nextPath(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (!match?.[1]) continue;
    const url = new URL(match[1], 'http://registry.invalid');
    return `${url.pathname}${url.search}`;
  }
  return undefined;
}

/** Every tag of a repository, following `Link` pagination (tags only: no manifest, no blob). */
export async function listTags(
  client: RegistryClient,
  target: RepositoryTarget,
  options: ListTagsOptions = {},
): Promise<string[]> {
  const pageSize = options.pageSize ?? 1000;
  const maxPages = options.maxPages ?? 50;
  const tags: string[] = [];
  let path: string | undefined = `/v2/${target.repository}/tags/list?n=${pageSize}`;
  for (let page = 0; path; page += 1) {
    if (page === maxPages)
      throw new RegistryError(
        'bad_response',
        `${target.registry} listed more than ${maxPages} pages of tags for ${target.repository}`,
        { registry: target.registry },
      );
    if (!path.startsWith(`/v2/${target.repository}/tags/list`))
      throw new RegistryError('bad_response', `${target.registry} linked outside the tag list: ${path}`, {
        registry: target.registry,
      });
    const response = await client.request(target, { method: 'GET', path, accept: 'application/json' });
    const parsed = ZTagListSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new RegistryError('bad_response', `${target.registry} returned a malformed tag list`, {
        registry: target.registry,
      });
    tags.push(...(parsed.data.tags ?? []));
    path = nextPath(response.headers.get('link'));
  }
  return tags;
}
