// Bundles the main-side entry points with esbuild. Our TypeScript is bundled; npm packages stay
// external and are loaded from node_modules at run time (sqlite3 is native, the rest just large).
//   dist/electron/main.cjs, preload.cjs  Electron (CommonJS; a sandboxed preload must be CommonJS)
//   dist/cli/cli.mjs                     the command line (tests spawn this: no TypeScript compile per run)
//   dist/host/host.mjs                   the browser host
// Next to each entry: pdf-worker.cjs / .mjs, the PDF runtime's worker thread (electron/core/platform/io/pdf).
import { build } from 'esbuild';

const only = new Set(process.argv.slice(2));
const want = (name) => only.size === 0 || only.has(name);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

// CommonJS has no import.meta.url: give modules that use it (createRequire, font paths) the file URL.
const cjsImportMeta = {
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};

const PDF_WORKER = 'electron/core/platform/io/pdf/pdf.worker.ts';

const builds = [];
if (want('electron')) {
  builds.push(
    build({
      ...common,
      ...cjsImportMeta,
      format: 'cjs',
      entryPoints: { main: 'electron/main/main.ts', 'pdf-worker': PDF_WORKER },
      outdir: 'dist/electron',
      outExtension: { '.js': '.cjs' },
    }),
    // The sandboxed preload can require only 'electron': bundle everything else into it.
    build({
      ...common,
      packages: undefined,
      external: ['electron'],
      format: 'cjs',
      entryPoints: { preload: 'electron/preload/preload.ts' },
      outdir: 'dist/electron',
      outExtension: { '.js': '.cjs' },
    }),
  );
}
if (want('cli'))
  builds.push(
    // Split: `--help` loads the small entry only; a command's door (the database layer, the npm
    // packages it imports) is a chunk loaded when a command runs. Chunks stay beside the entry,
    // where the PDF runtime looks for its worker.
    build({
      ...common,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      entryPoints: { cli: 'electron/cli/main.ts', 'pdf-worker': PDF_WORKER },
      outdir: 'dist/cli',
      outExtension: { '.js': '.mjs' },
    }),
  );
if (want('host'))
  builds.push(
    build({
      ...common,
      format: 'esm',
      entryPoints: { host: 'electron/host/main.ts', 'pdf-worker': PDF_WORKER },
      outdir: 'dist/host',
      outExtension: { '.js': '.mjs' },
    }),
  );
await Promise.all(builds);
