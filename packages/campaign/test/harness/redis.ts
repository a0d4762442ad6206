import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real `redis-server` started by the tests on 127.0.0.1, with its own temporary directory. */
export interface RedisServer {
  host: string;
  port: number;
  /** BullMQ / ioredis connection options. */
  connection: { host: string; port: number };
  /** The server process. */
  process: ChildProcess;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` (Debian's package; `.ci/run` installs it) with AOF `appendfsync always`, as docs/campaigns.md advises. */
export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'rawmail-redis-'));
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ready = await new Promise<boolean>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(
          new Error(`redis-server could not be started (is it installed? .ci/run installs it): ${e.message}`),
        );
      });
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        if (/Address already in use/.test(out) && tries < 5) resolve(false);
        else reject(new Error(`redis-server exited:\n${out}`));
      });
    });
    if (!ready) continue;
    return {
      host: '127.0.0.1',
      port,
      connection: { host: '127.0.0.1', port },
      process: child,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
