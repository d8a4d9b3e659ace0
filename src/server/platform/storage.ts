import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';

type S3Sdk = typeof import('@aws-sdk/client-s3');
type GetResult = import('@aws-sdk/client-s3').GetObjectCommandOutput;

/** Object storage for photos, proofs, snapshots and exports. Bytes never go into the database. */
export interface Storage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /**
   * A large object (an export, a batch PDF) written as it is produced: never whole in memory. The
   * object appears under `key` only once complete (a failed or destroyed stream leaves nothing).
   */
  putStream(key: string, body: Readable, contentType: string): Promise<{ size: number }>;
  get(key: string): Promise<Buffer>;
  /** Read as a stream (downloads of large objects); rejects before streaming when the key is missing. */
  getStream(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

/** Counts the bytes that pass. */
function byteCounter(): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      t.bytes += chunk.length;
      cb(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

export class LocalStorage implements Storage {
  /** folders this process has already created: a frame upload is one mkdir syscall fewer */
  private readonly made = new Set<string>();
  constructor(private readonly root: string) {}
  private async folderOf(p: string): Promise<void> {
    const dir = path.dirname(p);
    if (this.made.has(dir)) return;
    await fs.mkdir(dir, { recursive: true });
    if (this.made.size > 10_000) this.made.clear();
    this.made.add(dir);
  }
  private resolve(key: string): string {
    const p = path.resolve(this.root, key);
    if (!p.startsWith(path.resolve(this.root) + path.sep)) throw new Error('invalid storage key');
    return p;
  }
  async put(key: string, body: Buffer): Promise<void> {
    const p = this.resolve(key);
    await this.folderOf(p);
    const tmp = `${p}.${process.pid}.tmp`;
    try {
      await fs.writeFile(tmp, body);
    } catch (err) {
      // the folder was removed behind our back (an operator's cleanup): make it again, once
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.made.delete(path.dirname(p));
      await this.folderOf(p);
      await fs.writeFile(tmp, body);
    }
    await fs.rename(tmp, p);
  }
  /** Streams into a temporary file beside the target and renames it into place (atomic on one file system). */
  async putStream(key: string, body: Readable, _contentType?: string): Promise<{ size: number }> {
    const p = this.resolve(key);
    await this.folderOf(p);
    const tmp = `${p}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const count = byteCounter();
    try {
      await pipeline(body, count, createWriteStream(tmp));
      await fs.rename(tmp, p);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      // the folder was removed behind our back: a stream cannot be replayed, but the next write makes it again
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') this.made.delete(path.dirname(p));
      throw err;
    }
    return { size: count.bytes };
  }
  get(key: string): Promise<Buffer> {
    return fs.readFile(this.resolve(key));
  }
  async getStream(key: string): Promise<Readable> {
    const p = this.resolve(key);
    await fs.access(p);
    return createReadStream(p);
  }
  async delete(key: string): Promise<void> {
    await fs.rm(this.resolve(key), { force: true });
  }
}

/** S3 parts: at least 5 MiB each except the last; one part is held in memory at a time. */
const PART_BYTES = 8 * 1024 * 1024;

/** S3-compatible driver (AWS S3, MinIO, OSS, COS). */
export class S3Storage implements Storage {
  // the SDK (≈ 23 MB) is loaded only by a product configured for S3 (platform/lazy.ts explains why)
  private readonly sdk: Promise<S3Sdk>;
  private readonly client: Promise<Pick<S3Client, 'send'>> | Pick<S3Client, 'send'>;
  constructor(
    private readonly bucket: string,
    opts: { endpoint?: string; region?: string; accessKey: string; secretKey: string },
  ) {
    this.sdk = import('@aws-sdk/client-s3');
    this.client = this.sdk.then(
      (m) =>
        new m.S3Client({
          endpoint: opts.endpoint,
          region: opts.region ?? 'us-east-1',
          forcePathStyle: Boolean(opts.endpoint),
          credentials: { accessKeyId: opts.accessKey, secretAccessKey: opts.secretKey },
        }),
    );
    // a failure to load surfaces in send(); not as an unhandled rejection at construction
    this.sdk.catch(() => undefined);
    (this.client as Promise<unknown>).catch(() => undefined);
  }
  /** One SDK call: the command is built from the loaded SDK. */
  private async send<R>(make: (m: S3Sdk) => unknown): Promise<R> {
    const [m, client] = await Promise.all([this.sdk, this.client]);
    return (await client.send(make(m) as never)) as R;
  }
  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.send(
      (m) => new m.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }
  /**
   * A multipart upload fed part by part from the stream (a small object is one PutObject); the
   * object exists only after CompleteMultipartUpload, and a failure aborts the upload.
   */
  async putStream(key: string, body: Readable, contentType: string): Promise<{ size: number }> {
    let uploadId: string | undefined;
    const parts: { ETag: string | undefined; PartNumber: number }[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    const flush = async () => {
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      uploadId ??= (
        await this.send<{ UploadId?: string }>(
          (m) => new m.CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
        )
      ).UploadId;
      const PartNumber = parts.length + 1;
      const r = await this.send<{ ETag?: string }>(
        (m) => new m.UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: chunk }),
      );
      parts.push({ ETag: r.ETag, PartNumber });
    };
    try {
      for await (const c of body) {
        const b = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
        pending.push(b);
        pendingBytes += b.length;
        size += b.length;
        if (pendingBytes >= PART_BYTES) await flush();
      }
      if (!uploadId) {
        await this.put(key, Buffer.concat(pending, pendingBytes), contentType);
        return { size };
      }
      if (pendingBytes) await flush();
      await this.send(
        (m) =>
          new m.CompleteMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
      );
      return { size };
    } catch (err) {
      if (uploadId)
        await this.send(
          (m) => new m.AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
        ).catch(() => undefined);
      throw err;
    }
  }
  async get(key: string): Promise<Buffer> {
    const res = await this.send<GetResult>((m) => new m.GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }
  async getStream(key: string): Promise<Readable> {
    const res = await this.send<GetResult>((m) => new m.GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return res.Body as unknown as Readable;
  }
  async delete(key: string): Promise<void> {
    await this.send((m) => new m.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

export function createStorage(config: Config): Storage {
  if (config.STORAGE_DRIVER === 's3') {
    return new S3Storage(config.STORAGE_S3_BUCKET!, {
      endpoint: config.STORAGE_S3_ENDPOINT,
      region: config.STORAGE_S3_REGION,
      accessKey: config.STORAGE_S3_ACCESS_KEY!,
      secretKey: config.STORAGE_S3_SECRET_KEY!,
    });
  }
  return new LocalStorage(path.join(config.dataDir, 'files'));
}
