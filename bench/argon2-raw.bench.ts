/**
 * Raw argon2id verify throughput on this machine (the ceiling for the login benchmark).
 *
 *   npx tsx bench/argon2-raw.bench.ts [--seconds 5]
 */
import os from 'node:os';
import { hashPassword, verifyPassword } from '../src/server/platform/passwords.js';

const i = process.argv.indexOf('--seconds');
const seconds = i >= 0 ? Number(process.argv[i + 1]) : 5;
const hash = await hashPassword('Scale@2026');
let t = Date.now();
await verifyPassword(hash, 'Scale@2026');
const single = Date.now() - t;
let n = 0;
t = Date.now();
const end = t + seconds * 1000;
const worker = async () => {
  while (Date.now() < end) {
    await verifyPassword(hash, 'Scale@2026');
    n++;
  }
};
await Promise.all(Array.from({ length: os.cpus().length * 2 }, worker));
process.stdout.write(
  `${JSON.stringify({
    singleVerifyMs: single,
    verifiesPerSecond: +(n / ((Date.now() - t) / 1000)).toFixed(1),
    cpus: os.cpus().length,
    loadavg: os.loadavg().map((x) => +x.toFixed(2)),
  })}\n`,
);
