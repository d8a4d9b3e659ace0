import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStorage, S3Storage } from './storage.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const chunks = (n: number, size: number) => Readable.from(Array.from({ length: n }, (_, i) => Buffer.alloc(size, i)));
const drain = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

describe('LocalStorage.putStream', () => {
  it('writes the stream under the key, counts its size, and reads back as a stream', async () => {
    const s = new LocalStorage(root);
    const { size } = await s.putStream('exports/1/a.xlsx', chunks(5, 1000), 'application/octet-stream');
    expect(size).toBe(5000);
    const back = await drain(await s.getStream('exports/1/a.xlsx'));
    expect(back.length).toBe(5000);
    expect(back[4999]).toBe(4);
    expect((await s.get('exports/1/a.xlsx')).equals(back)).toBe(true);
  });

  it('the object appears only when complete; a failed stream leaves neither object nor temporary file', async () => {
    const s = new LocalStorage(root);
    const body = new PassThrough();
    const stored = s.putStream('exports/1/b.pdf', body, 'application/pdf');
    body.write(Buffer.alloc(64 * 1024, 1));
    await new Promise((r) => setTimeout(r, 50));
    await expect(s.get('exports/1/b.pdf')).rejects.toThrow();
    body.destroy(new Error('writer failed'));
    await expect(stored).rejects.toThrow('writer failed');
    expect(fs.readdirSync(path.join(root, 'exports/1')).filter((f) => f.startsWith('b.pdf'))).toEqual([]);
    await expect(s.getStream('exports/1/b.pdf')).rejects.toThrow();
  });

  it('a stream into a folder removed behind its back fails once; the next one makes the folder again', async () => {
    const s = new LocalStorage(root);
    await s.putStream('gone/1/a.xlsx', chunks(1, 10), 'application/octet-stream');
    fs.rmSync(path.join(root, 'gone'), { recursive: true });
    await expect(s.putStream('gone/1/b.xlsx', chunks(1, 10), 'application/octet-stream')).rejects.toThrow();
    const { size } = await s.putStream('gone/1/c.xlsx', chunks(1, 10), 'application/octet-stream');
    expect(size).toBe(10);
    expect(fs.readdirSync(path.join(root, 'gone/1'))).toEqual(['c.xlsx']);
  });

  it('refuses a key outside its folder', async () => {
    const s = new LocalStorage(root);
    await expect(s.putStream('../escape', chunks(1, 1), 'text/plain')).rejects.toThrow('invalid storage key');
  });
});

describe('LocalStorage.put', () => {
  it('writes into a folder made once, and makes it again when it was removed in between', async () => {
    const s = new LocalStorage(root);
    await s.put('frames/ab/1.jpg', Buffer.from('one'));
    fs.rmSync(path.join(root, 'frames'), { recursive: true });
    await s.put('frames/ab/2.jpg', Buffer.from('two'));
    expect((await s.get('frames/ab/2.jpg')).toString()).toBe('two');
    expect(fs.readdirSync(path.join(root, 'frames/ab'))).toEqual(['2.jpg']);
  });
});

describe('S3Storage.putStream (client calls recorded)', () => {
  function recorded() {
    const s = new S3Storage('bucket', { accessKey: 'k', secretKey: 's', endpoint: 'http://127.0.0.1:9' });
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    let failPart = 0;
    (s as unknown as { client: { send(c: unknown): Promise<unknown> } }).client = {
      async send(c) {
        const cmd = c as { constructor: { name: string }; input: Record<string, unknown> };
        calls.push({ name: cmd.constructor.name, input: cmd.input });
        if (cmd.constructor.name === 'CreateMultipartUploadCommand') return { UploadId: 'u1' };
        if (cmd.constructor.name === 'UploadPartCommand') {
          if (failPart && cmd.input.PartNumber === failPart) throw new Error('network');
          return { ETag: `e${cmd.input.PartNumber}` };
        }
        return {};
      },
    };
    return { s, calls, failOn: (n: number) => (failPart = n) };
  }

  it('a small object is one PutObject', async () => {
    const { s, calls } = recorded();
    expect((await s.putStream('k', chunks(3, 100), 'text/plain')).size).toBe(300);
    expect(calls.map((c) => c.name)).toEqual(['PutObjectCommand']);
    expect((calls[0].input.Body as Buffer).length).toBe(300);
  });

  it('a large one is uploaded in 8 MiB parts (one in memory at a time) and completed in order', async () => {
    const { s, calls } = recorded();
    const MiB = 1024 * 1024;
    expect((await s.putStream('k', chunks(20, MiB), 'application/pdf')).size).toBe(20 * MiB);
    expect(calls.map((c) => c.name)).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    expect(calls.slice(1, 4).map((c) => (c.input.Body as Buffer).length)).toEqual([8 * MiB, 8 * MiB, 4 * MiB]);
    expect((calls[4].input.MultipartUpload as { Parts: unknown[] }).Parts).toEqual([
      { ETag: 'e1', PartNumber: 1 },
      { ETag: 'e2', PartNumber: 2 },
      { ETag: 'e3', PartNumber: 3 },
    ]);
  });

  it('a failed part aborts the upload: no object is completed', async () => {
    const { s, calls, failOn } = recorded();
    failOn(2);
    await expect(s.putStream('k', chunks(20, 1024 * 1024), 'application/pdf')).rejects.toThrow('network');
    expect(calls.map((c) => c.name)).toContain('AbortMultipartUploadCommand');
    expect(calls.map((c) => c.name)).not.toContain('CompleteMultipartUploadCommand');
  });
});
