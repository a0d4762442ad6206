// The SES side of the campaign tests: the ses package's own emulator and recording, fault-injecting proxy
// (imported, not copied), plus what the campaign tests add on top.
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { makeClients } from '../../../ses/test/harness/clients.js';
import { type Emulator, startEmulator } from '../../../ses/test/harness/emulator.js';
import {
  envelopeOf,
  type RecordedRequest,
  type RecordingProxy,
  startProxy,
} from '../../../ses/test/harness/proxy.js';

export { envelopeOf, type Fault, type RecordedRequest, rawBytesOf } from '../../../ses/test/harness/proxy.js';

/** The emulator, the proxy in front of it, and a v2 client pointed at the proxy. */
export interface CampaignSesEnv {
  emu: Emulator;
  proxy: RecordingProxy;
  client: SESv2Client;
}

/** Starts the emulator and proxy for this test file; resets the proxy's record before each test. */
export function useSesEnv(): CampaignSesEnv {
  const env = {} as CampaignSesEnv;
  beforeAll(async () => {
    env.emu = await startEmulator();
    env.proxy = await startProxy(env.emu.url);
    env.client = makeClients(env.proxy.url).v2;
  });
  afterAll(async () => {
    env.client?.destroy();
    await env.proxy?.close();
    await env.emu?.close();
  });
  beforeEach(() => env.proxy.reset());
  return env;
}

/** A v2 client for `endpoint` (the proxy), as a child process creates it. */
export function clientFor(endpoint: string): SESv2Client {
  return makeClients(endpoint).v2;
}

/** Send requests (SendEmail) the proxy saw. */
export function sends(proxy: RecordingProxy): RecordedRequest[] {
  return proxy.requests.filter((r) => r.api === 'v2' && r.path === '/v2/email/outbound-emails');
}

/** How many send requests reached the emulator per envelope recipient. */
export function forwardedPerRecipient(proxy: RecordingProxy): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of sends(proxy)) {
    if (!r.forwarded) continue;
    for (const a of envelopeOf(r)) m.set(a, (m.get(a) ?? 0) + 1);
  }
  return m;
}
