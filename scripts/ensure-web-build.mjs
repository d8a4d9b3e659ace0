// Build the web UI when dist/web is missing or older than the sources, so `npm start`
// works on a fresh clone without a separate build step.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dist = 'dist/web/index.html';
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const stale =
  !fs.existsSync(dist) ||
  newest('src/web') > fs.statSync(dist).mtimeMs ||
  newest('src/shared') > fs.statSync(dist).mtimeMs;
if (stale) {
  console.log('构建前端页面（vite build）…');
  execSync('npx vite build', { stdio: 'inherit' });
}
