import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One email as `aws-ses-v2-local` stores it (parsed by mailparser; no envelope, no raw bytes). */
export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: {
    content: string;
    contentType: string;
    filename?: string;
    size: number;
    cid?: string;
    contentId?: string;
  }[];
  at: number;
}

export interface Emulator {
  url: string;
  port: number;
  /** Every stored email (fetched over HTTP from `GET /store`). */
  store(): Promise<StoredEmail[]>;
  /** One email by the MessageId the endpoint returned. */
  find(messageId: string): Promise<StoredEmail | undefined>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

type ServerFn = (config?: { host?: string; port?: number }) => Promise<Server>;

/** Starts the real `aws-ses-v2-local` express app on 127.0.0.1 at a free port. */
export async function startEmulator(): Promise<Emulator> {
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: ServerFn | { default: ServerFn } };
  const start: ServerFn = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const server = await start({ host: '127.0.0.1', port: 0 });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const store = async (): Promise<StoredEmail[]> => {
    const res = await fetch(`${url}/store`, { signal: AbortSignal.timeout(5000) });
    const json = (await res.json()) as { emails: StoredEmail[] };
    return json.emails;
  };
  return {
    url,
    port,
    store,
    find: async (id) => (await store()).find((e) => e.messageId === id),
    clear: async () => {
      await fetch(`${url}/clear-store`, { method: 'POST', signal: AbortSignal.timeout(5000) });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
