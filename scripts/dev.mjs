// Development: rebuild the renderer on every change and serve it through the browser host.
// Reload the browser page after a change. Pass host options after --, e.g. npm run dev -- --db dev.sqlite
import { spawn } from 'node:child_process';

const hostArgs = process.argv.slice(2);
const run = (cmd, args) => spawn(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
const vite = run('npx', ['vite', 'build', '--watch', '--config', 'renderer/vite.config.ts']);
const host = run('npx', ['tsx', 'watch', 'electron/host/main.ts', ...hostArgs]);
const stop = () => {
  vite.kill();
  host.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
