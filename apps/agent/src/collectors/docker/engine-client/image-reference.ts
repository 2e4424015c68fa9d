/**
 * `registry:5000/team/app:1.2@sha256:…` → repository `registry:5000/team/app`, tag `1.2` (null
 * without one). The digest is dropped; a registry port's colon is not a tag.
 */
export function splitImageReference(reference: string): { repository: string; tag: string | null } {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const tagColon = withoutDigest.indexOf(':', lastSlash + 1);
  if (tagColon === -1) return { repository: withoutDigest, tag: null };
  return { repository: withoutDigest.slice(0, tagColon), tag: withoutDigest.slice(tagColon + 1) };
}
