/**
 * npm run db:restore -- <backup folder> [--replace] — restore a `db:backup` into DATA_DIR (or
 * DATABASE_URL) with the product stopped (decision 0066). The target must be empty (a new
 * DATA_DIR) unless --replace is given, which first drops everything in the target database and
 * DATA_DIR/files. Steps: schema at the backup's migration level → rows (one transaction) →
 * sequences → the newer migrations of this version → files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDb, createPool } from '../src/server/db/client.js';
import { MIGRATIONS_DIR, runMigrations } from '../src/server/db/migrate.js';
import { BACKUP_FORMAT, type BackupManifest } from './db-backup.js';
import { connectForScript } from './db-connect.js';

/** A copy of the migrations folder whose journal stops at `count` entries. */
function migrationsUpTo(count: number): string {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  if (count > journal.entries.length)
    throw new Error(
      `备份来自更新版本的程序（${count} 个数据库迁移，本程序只有 ${journal.entries.length} 个），请用新版本恢复`,
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dingkao-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  for (const e of journal.entries.slice(0, count))
    fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }),
  );
  return dir;
}

async function* lines(file: string): AsyncGenerator<string> {
  const rl = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  for await (const line of rl) if (line) yield JSON.parse(line) as string;
}

export async function restore(folder: string, opts: { replace?: boolean } = {}): Promise<BackupManifest> {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`不认识的备份格式：${manifest.format}`);
  const conn = await connectForScript();
  const pool = createPool(conn.url, 2);
  const db = createDb(pool);
  try {
    const { rows: existing } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    if (existing[0].n > 0) {
      const { rows: orgs } = await pool
        .query<{ n: number }>('SELECT count(*)::int AS n FROM organisations')
        .catch(() => ({ rows: [{ n: 1 }] }));
      if (orgs[0].n > 0 && !opts.replace)
        throw new Error(
          '目标数据库已有数据。请恢复到一个新的 DATA_DIR，或加 --replace 覆盖（会删除目标中的全部数据和文件）',
        );
      await pool.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
      await pool.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS graphile_worker CASCADE');
    }
    const tmpMigrations = migrationsUpTo(manifest.migrations.count);
    try {
      await migrate(db, { migrationsFolder: tmpMigrations });
    } finally {
      fs.rmSync(tmpMigrations, { recursive: true, force: true });
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // rows arrive table by table, not in foreign-key order: skip FK triggers while loading
      await client.query('SET LOCAL session_replication_role = replica').catch(() => undefined);
      for (const table of Object.keys(manifest.tables)) {
        const ident = `public.${client.escapeIdentifier(table)}`;
        let batch: string[] = [];
        const flush = async () => {
          if (!batch.length) return;
          await client.query(
            `INSERT INTO ${ident} OVERRIDING SYSTEM VALUE SELECT (x::${ident}).* FROM unnest($1::text[]) AS x`,
            [batch],
          );
          batch = [];
        };
        for await (const row of lines(path.join(folder, 'db', `${table}.jsonl.gz`))) {
          batch.push(row);
          if (batch.length >= 1000) await flush();
        }
        await flush();
      }
      for (const s of manifest.sequences) {
        if (s.value === null) continue;
        await client.query('SELECT setval($1::regclass, $2::bigint, true)', [
          `public.${client.escapeIdentifier(s.name)}`,
          s.value,
        ]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    await runMigrations(db);
    if ('count' in manifest.files && conn.config.STORAGE_DRIVER === 'local') {
      const dest = path.join(conn.config.dataDir, 'files');
      if (opts.replace) fs.rmSync(dest, { recursive: true, force: true });
      if (fs.existsSync(path.join(folder, 'files'))) fs.cpSync(path.join(folder, 'files'), dest, { recursive: true });
    }
    return manifest;
  } finally {
    await pool.end();
    await conn.close();
  }
}

if (process.argv[1]?.endsWith('db-restore.ts')) {
  const args = process.argv.slice(2);
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder) {
    process.stderr.write('用法 / usage: npm run db:restore -- <备份目录> [--replace]\n');
    process.exit(2);
  }
  restore(path.resolve(folder), { replace: args.includes('--replace') }).then(
    (m) => {
      const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
      process.stdout.write(`恢复完成 / restored: ${rows} 行（备份时间 ${m.createdAt}）。现在可以 npm start。\n`);
      process.exit(0);
    },
    (err) => {
      process.stderr.write(`恢复失败 / restore failed: ${err instanceof Error ? err.message : err}\n`);
      process.exit(1);
    },
  );
}
