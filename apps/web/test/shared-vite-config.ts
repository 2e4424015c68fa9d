import path from 'node:path';
import type { UserConfig } from 'vite';

const root = path.join(import.meta.dirname, '..');

/** What Next does for us and plain Vite must be told: the `@/` alias and React's automatic JSX. */
export const sharedViteConfig = {
  resolve: { alias: { '@': path.join(root, 'src') } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
} satisfies UserConfig;
