// Checks what a packaged desktop build holds, on any OS and without an Electron binary.
//
// electron-builder packs a Linux directory target around a stand-in Electron executable (a shell
// script: no Electron binary can be downloaded here), then this script opens the resulting app.asar
// and asserts that the installed app could start: the main and preload bundles, the renderer, every
// npm package the main bundle loads at run time (with its own production dependencies), and the
// sqlite3 native binary unpacked next to the archive (a .node file cannot be loaded from inside asar).
// The Windows installer (`npm run dist`) uses the same electron-builder.yml, so what is checked here
// is what the NSIS installer packs.
//
// Usage: node scripts/dist-check.mjs   (expects `npm run build` to have run; exits 1 with the list of
// what is missing)
import { execFileSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

for (const built of ['dist/electron/main.cjs', 'dist/electron/pdf-worker.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(path.join(root, built))) {
    console.error(`dist:check: ${built} is missing — run \`npm run build\` first`);
    process.exit(1);
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'dist-check-'));
try {
  const standIn = path.join(work, 'electron-dist');
  mkdirSync(standIn);
  // electron-builder copies this folder as "the unpacked Electron" and renames the executable.
  writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\necho "stand-in Electron: packaging check only"\n');
  chmodSync(path.join(standIn, 'electron'), 0o755);
  const out = path.join(work, 'out');
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--publish',
        'never',
        `-c.electronDist=${standIn}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${out}`,
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
    );
  } catch (error) {
    console.error(`dist:check: electron-builder failed (exit ${error.status ?? error.signal}); its messages are above`);
    process.exit(1);
  }

  const resources = path.join(out, 'linux-unpacked', 'resources');
  const archive = path.join(resources, 'app.asar');
  const inArchive = new Set(asar.listPackage(archive, { isPack: false }).map((p) => p.replaceAll('\\', '/').replace(/^\//, '')));
  const problems = [];
  const need = (file, why) => {
    if (!inArchive.has(file)) problems.push(`${file} (${why})`);
  };

  need('package.json', 'the app manifest');
  need(pkg.main, 'the main bundle named by package.json "main"');
  need('dist/electron/preload.cjs', 'the preload bundle');
  need('dist/electron/pdf-worker.cjs', 'the PDF worker thread, next to the main bundle');
  need('dist/renderer/index.html', 'the renderer');
  // The main bundle and the PDF worker it starts: both load packages at run time.
  const mainSource = [pkg.main, 'dist/electron/pdf-worker.cjs'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
  for (const script of readFileSync(path.join(root, 'dist/renderer/index.html'), 'utf8').matchAll(
    /(?:src|href)="\.?\/?(assets\/[^"]+)"/g,
  )) {
    need(`dist/renderer/${script[1]}`, 'loaded by the renderer page');
  }

  // Every bare package the main bundle requires or resolves at run time, then their production
  // dependencies, transitively: a package left out fails only when a user reaches that code.
  const builtins = new Set([...builtinModules, 'electron']);
  const topName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  const imported = new Set();
  // require('x'), require.resolve('x') and createRequire(...)('x') (pdfmake's CommonJS singleton).
  for (const m of mainSource.matchAll(/(?:require(?:\.resolve)?|createRequire\)\([^()]*\))\(\s*["'`]([^"'`$]+)["'`]/g)) {
    const spec = m[1];
    if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(topName(spec))) continue;
    imported.add(topName(spec));
  }
  // Packages found by name at run time (font packages through packageDir('...')).
  for (const m of mainSource.matchAll(/packageDir\(\s*["']([^"']+)["']\s*\)/g)) imported.add(topName(m[1]));
  const seen = new Set();
  const queue = [...imported];
  while (queue.length > 0) {
    const name = queue.shift();
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = `node_modules/${name}/package.json`;
    if (!inArchive.has(manifest)) {
      problems.push(`${manifest} (loaded at run time${imported.has(name) ? ' by the main bundle' : ' as a dependency'})`);
      continue;
    }
    const depPkg = JSON.parse(asar.extractFile(archive, manifest).toString('utf8'));
    for (const dep of Object.keys(depPkg.dependencies ?? {})) {
      // Nested copies (node_modules/a/node_modules/b) satisfy a dependency too.
      if (inArchive.has(`node_modules/${name}/node_modules/${dep}/package.json`)) continue;
      queue.push(dep);
    }
  }
  if (!imported.has('sqlite3')) problems.push('the main bundle does not load sqlite3 (the database driver)');
  if (!imported.has('kysely')) problems.push('the main bundle does not load kysely');
  if (!imported.has('pdfmake')) problems.push('the PDF worker does not load pdfmake');

  // Native code cannot be loaded from inside the archive: sqlite3's binary must sit unpacked.
  const nativeBinary = path.join(resources, 'app.asar.unpacked', 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
  if (!existsSync(nativeBinary))
    problems.push('app.asar.unpacked/node_modules/sqlite3/build/Release/node_sqlite3.node (the SQLite native binary, unpacked)');

  // Nothing from the development tree: tests, sources, source maps.
  for (const file of inArchive) {
    if (/^(test|electron|renderer|shared|scripts)\//.test(file) || (file.startsWith('dist/') && file.endsWith('.map'))) {
      problems.push(`${file} should not be packaged`);
    }
  }

  if (problems.length > 0) {
    console.error(`dist:check: the packaged app is incomplete (${problems.length}):`);
    for (const p of problems.slice(0, 50)) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(`dist:check: packaged app holds main, preload, renderer, ${seen.size} runtime packages and the unpacked sqlite3 binary`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
