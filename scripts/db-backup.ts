/**
 * npm run db:backup [-- <folder>] — a consistent backup of the database and of DATA_DIR/files
 * (decision 0066). Default folder: DATA_DIR/backups/dingkao-<date>-<time>.
 *
 * The embedded PostgreSQL ships no pg_dump, so the product writes its own logical dump: every
 * table of the `public` schema read in ONE repeatable-read snapshot, each row as PostgreSQL's own
 * text form of the row (exact for every type), gzip'd JSON lines; plus sequence positions and the
 * migration level, so `db:restore` rebuilds the same schema first. Works while the product runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type pg from 'pg';
import { createPool } from '../src/server/db/client.js';
import { MIGRATIONS_DIR } from '../src/server/db/migrate.js';
import { connectForScript } from './db-connect.js';

export const BACKUP_FORMAT = 'dingkao-backup/1';

export interface BackupManifest {
  format: string;
  createdAt: string;
  migrations: { count: number; lastTag: string | null };
  tables: Record<string, number>;
  sequences: { name: string; value: string | null; called: boolean }[];
  files: { count: number; bytes: number } | { skipped: string };
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

async function writeTable(client: pg.PoolClient, table: string, file: string): Promise<number> {
  const gz = zlib.createGzip({ level: 6 });
  const out = fs.createWriteStream(file);
  gz.pipe(out);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', () => resolve());
    out.on('error', reject);
    gz.on('error', reject);
  });
  const ident = `public.${client.escapeIdentifier(table)}`;
  await client.query(`DECLARE dk_rows NO SCROLL CURSOR FOR SELECT t::text AS r FROM ${ident} t`);
  let n = 0;
  for (;;) {
    const { rows } = await client.query<{ r: string }>('FETCH 2000 FROM dk_rows');
    if (!rows.length) break;
    n += rows.length;
    const chunk = `${rows.map((x) => JSON.stringify(x.r)).join('\n')}\n`;
    if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
  }
  await client.query('CLOSE dk_rows');
  gz.end();
  await done;
  return n;
}

export async function backup(target?: string): Promise<{ folder: string; manifest: BackupManifest }> {
  const conn = await connectForScript();
  const now = new Date();
  const folder = path.resolve(target ?? path.join(conn.config.dataDir, 'backups', `dingkao-${stamp(now)}`));
  if (fs.existsSync(folder)) throw new Error(`备份目录已存在：${folder}`);
  const tmp = `${folder}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, 'db'), { recursive: true });
  // createPool: an idle connection that sees the server's shutdown (conn.close() right after
  // pool.end(), whose clients may still be closing) must not crash the script after its work is done
  const pool = createPool(conn.url, 1);
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: mig } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    );
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    const count = mig[0].n;
    const { rows: tables } = await client.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const { t } of tables) counts[t] = await writeTable(client, t, path.join(tmp, 'db', `${t}.jsonl.gz`));
    const { rows: seqs } = await client.query<{ name: string; value: string | null; called: boolean }>(
      `SELECT sequencename AS name, last_value::text AS value, last_value IS NOT NULL AS called
         FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    await client.query('COMMIT');
    let files: BackupManifest['files'] = { skipped: '对象存储（S3）的文件请用存储服务自己的备份' };
    if (conn.config.STORAGE_DRIVER === 'local') {
      const src = path.join(conn.config.dataDir, 'files');
      let n = 0;
      let bytes = 0;
      if (fs.existsSync(src)) {
        fs.cpSync(src, path.join(tmp, 'files'), { recursive: true, filter: (p) => !p.endsWith('.tmp') });
        for (const e of fs.readdirSync(path.join(tmp, 'files'), { recursive: true, withFileTypes: true })) {
          if (e.isFile()) {
            n++;
            bytes += fs.statSync(path.join(e.parentPath, e.name)).size;
          }
        }
      }
      files = { count: n, bytes };
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      migrations: { count, lastTag: journal.entries[count - 1]?.tag ?? null },
      tables: counts,
      sequences: seqs,
      files,
    };
    fs.writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(tmp, folder);
    return { folder, manifest };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    client.release();
    await pool.end();
    await conn.close();
  }
}

if (process.argv[1]?.endsWith('db-backup.ts')) {
  backup(process.argv[2]).then(
    ({ folder, manifest }) => {
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      const f = 'count' in manifest.files ? `${manifest.files.count} 个文件` : manifest.files.skipped;
      process.stdout.write(
        `备份完成 / backup written: ${folder}\n  ${Object.keys(manifest.tables).length} 张表 ${rows} 行；${f}\n`,
      );
      process.exit(0);
    },
    (err) => {
      process.stderr.write(`备份失败 / backup failed: ${err instanceof Error ? err.message : err}\n`);
      process.exit(1);
    },
  );
}
