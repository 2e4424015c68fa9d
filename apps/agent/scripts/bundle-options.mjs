// The esbuild options of the agent's single-file bundle, shared by scripts/bundle.mjs (the
// shipped bundle) and bench/src/agent/bun-native/build.mjs (a measurement build), so the two
// differ only in what their plugins replace.

/** @param {{ entry: string, outfile: string, plugins?: import('esbuild').Plugin[] }} options */
export function agentBundleOptions({ entry, outfile, plugins = [] }) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    plugins,
    // Dependencies are CommonJS and call require() for Node built-ins; ESM output has no require.
    banner: {
      js: [
        "import { createRequire as __berthCreateRequire } from 'node:module';",
        "import { fileURLToPath as __berthFileURLToPath } from 'node:url';",
        "import { dirname as __berthDirname } from 'node:path';",
        'const require = __berthCreateRequire(import.meta.url);',
        'const __filename = __berthFileURLToPath(import.meta.url);',
        'const __dirname = __berthDirname(__filename);',
      ].join('\n'),
    },
    minify: true,
    // Keeps class and function names in stack traces and logs.
    keepNames: true,
    legalComments: 'none',
  };
}
