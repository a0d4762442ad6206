import { afterAll, beforeAll, beforeEach } from 'vitest';
import { makeClients } from './clients.js';
import { type Emulator, startEmulator } from './emulator.js';
import { type RecordingProxy, startProxy } from './proxy.js';

/** The emulator, the proxy in front of it, and real SDK clients pointed at the proxy. */
export interface SesTestEnv {
  emu: Emulator;
  proxy: RecordingProxy;
  clients: ReturnType<typeof makeClients>;
}

/** Starts a fresh emulator and proxy for this test file; resets the proxy's record before each test. */
export function useSesEnv(): SesTestEnv {
  const env = {} as SesTestEnv;
  beforeAll(async () => {
    env.emu = await startEmulator();
    env.proxy = await startProxy(env.emu.url);
    env.clients = makeClients(env.proxy.url);
  });
  afterAll(async () => {
    env.clients?.v1.destroy();
    env.clients?.v2.destroy();
    await env.proxy?.close();
    await env.emu?.close();
  });
  beforeEach(() => env.proxy.reset());
  return env;
}

/** A retry policy for tests: real backoff arithmetic, no real waiting. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 5, attemptTimeoutMs: 3000 } as const;
