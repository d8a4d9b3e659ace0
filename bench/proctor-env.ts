/** Start `bench/exam-server.ts` (the real app) like exam-env's startServer, waiting up to 5 minutes (tsx start-up at load 30). */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export async function startApp(url: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const here = path.dirname(new URL(import.meta.url).pathname);
  // BENCH_PROF=<folder>: a CPU profile of the app process, as in exam-env's startServer
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(here, 'exam-server.ts')], {
    env: {
      ...process.env,
      BENCH_MODE: 'app',
      DATABASE_URL: url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      CAPTCHA_DISABLED: '1',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`bench server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/ready`);
      if (r.ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('bench server did not start within 5 minutes');
}
