import { readFile, stat } from 'node:fs/promises';
import { AppError } from '@berth/http';
import { z } from 'zod';

type Cached = { path: string; mtimeMs: number; text: string };
let cached: Cached | undefined;

/** infra/install.sh as text, re-read only when the file changes. */
export async function readInstallTemplate(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new AppError('not_found', 'the install script is not available on this server');
  if (cached?.path === path && cached.mtimeMs === info.mtimeMs) return cached.text;
  const text = await readFile(path, 'utf8');
  cached = { path, mtimeMs: info.mtimeMs, text };
  return text;
}

const ZPackageVersionSchema = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+[-+.0-9A-Za-z]*$/) });

/** The agent package's version, or undefined when its package.json is not shipped alongside. */
export async function readAgentVersion(packagePath: string): Promise<string | undefined> {
  const text = await readFile(packagePath, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = ZPackageVersionSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data.version : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
