// Once per run, before any end-to-end test: build what the browser host serves (dist/renderer) the way `npm start`
// does, so every test drives the real, built UI.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const result = spawnSync(process.execPath, ['build/bundle.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('`node build/bundle.mjs` failed: the end-to-end tests need the built renderer');
}
