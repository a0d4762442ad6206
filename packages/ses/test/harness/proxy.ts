import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the SDK put it on the wire, and what happened to it. */
export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** 'v1' for the SES query API (form body), 'v2' for the SESv2 REST/JSON API. */
  api: 'v1' | 'v2' | 'other';
  /** Whether the request reached the emulator. */
  forwarded: boolean;
  /** Status code sent back to the client, if any. */
  status?: number;
  fault?: Fault['kind'];
}

export type Fault =
  /** v1 query-API error in SES's XML shape (e.g. `Throttling` 400). */
  | { kind: 'v1-error'; status?: number; code: string; message: string; type?: 'Sender' | 'Receiver' }
  /** v2 REST error: JSON body with `x-amzn-ErrorType` (e.g. 429 `TooManyRequestsException`). */
  | { kind: 'v2-error'; status: number; type: string; message: string }
  /** A bare HTTP status with an empty body (e.g. 503 from a load balancer). */
  | { kind: 'status'; status: number }
  /** Destroy the connection after reading the request, without forwarding it. */
  | { kind: 'reset-before' }
  /** Forward the request (the emulator stores the email), then destroy the connection. */
  | { kind: 'reset-after' }
  /** Wait, then forward. */
  | { kind: 'delay'; ms: number }
  /** Read the request and never answer (the client's timeout must fire). */
  | { kind: 'hang' }
  /** Answer with this status, content type and body instead of forwarding (actions the emulator lacks). */
  | { kind: 'reply'; status: number; contentType: string; body: string };

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  /** Decides a fault for each request; undefined forwards it unchanged. */
  onRequest: ((req: RecordedRequest) => Fault | undefined) | undefined;
  /** Requests that reached the emulator. */
  forwarded(): RecordedRequest[];
  /** Highest number of requests the proxy held at once since the last reset. */
  maxInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

export const v1Throttling: Fault = {
  kind: 'v1-error',
  code: 'Throttling',
  message: 'Maximum sending rate exceeded.',
};
export const v2TooManyRequests: Fault = {
  kind: 'v2-error',
  status: 429,
  type: 'TooManyRequestsException',
  message: 'Too many requests have been made to the operation.',
};

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function apiOf(path: string, headers: IncomingHttpHeaders): RecordedRequest['api'] {
  if (path.startsWith('/v2/')) return 'v2';
  if (String(headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return 'v1';
  return 'other';
}

/** A node:http proxy between the AWS SDK and the emulator that records every request body and injects faults. */
export async function startProxy(target: string): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const state: RecordingProxy = {
    url: '',
    requests,
    onRequest: undefined,
    forwarded: () => requests.filter((r) => r.forwarded),
    maxInFlight: 0,
    reset: () => {
      requests.length = 0;
      state.onRequest = undefined;
      state.maxInFlight = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('close', finish);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const rec: RecordedRequest = {
        index: requests.length,
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks),
        api: apiOf(path, req.headers),
        forwarded: false,
      };
      requests.push(rec);
      const fault = state.onRequest?.(rec);
      rec.fault = fault?.kind;
      const reply = (status: number, headers: Record<string, string>, body: string) => {
        rec.status = status;
        res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
        res.end(body);
      };
      const forward = (afterResponse?: 'reset') => {
        rec.forwarded = true;
        const up = httpRequest(
          {
            host: targetUrl.hostname,
            port: targetUrl.port,
            method: rec.method,
            path,
            headers: req.headers,
          },
          (upRes) => {
            const body: Buffer[] = [];
            upRes.on('data', (c: Buffer) => body.push(c));
            upRes.on('end', () => {
              if (afterResponse === 'reset') {
                req.socket.destroy();
                return;
              }
              rec.status = upRes.statusCode ?? 502;
              const headers = { ...upRes.headers };
              delete headers['transfer-encoding'];
              res.writeHead(rec.status, { ...headers, 'content-length': String(Buffer.concat(body).length) });
              res.end(Buffer.concat(body));
            });
          },
        );
        up.on('error', () => req.socket.destroy());
        up.end(rec.body);
      };
      if (!fault) return forward();
      switch (fault.kind) {
        case 'v1-error':
          return reply(
            fault.status ?? 400,
            { 'content-type': 'text/xml' },
            `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${fault.type ?? 'Sender'}</Type><Code>${fault.code}</Code><Message>${xmlEscape(fault.message)}</Message></Error><RequestId>00000000-0000-0000-0000-${String(rec.index).padStart(12, '0')}</RequestId></ErrorResponse>`,
          );
        case 'v2-error':
          return reply(
            fault.status,
            { 'content-type': 'application/json', 'x-amzn-errortype': fault.type },
            JSON.stringify({ message: fault.message }),
          );
        case 'status':
          return reply(fault.status, { 'content-type': 'text/plain' }, '');
        case 'reset-before':
          req.socket.destroy();
          return;
        case 'reset-after':
          return forward('reset');
        case 'delay':
          setTimeout(() => forward(), fault.ms);
          return;
        case 'hang':
          return;
        case 'reply':
          return reply(fault.status, { 'content-type': fault.contentType }, fault.body);
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** The raw MIME bytes a recorded SendRawEmail / SendEmail(Raw) request carried, base64-decoded. */
export function rawBytesOf(req: RecordedRequest): Buffer {
  if (req.api === 'v1') {
    const data = new URLSearchParams(req.body.toString('utf8')).get('RawMessage.Data');
    if (data === null) throw new Error(`request ${req.index} has no RawMessage.Data`);
    return Buffer.from(data, 'base64');
  }
  const json = JSON.parse(req.body.toString('utf8')) as { Content?: { Raw?: { Data?: string } } };
  const data = json.Content?.Raw?.Data;
  if (data === undefined) throw new Error(`request ${req.index} has no Content.Raw.Data`);
  return Buffer.from(data, 'base64');
}

/** The v1 form parameters of a recorded request. */
export function v1Params(req: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
}

/** The v2 JSON body of a recorded request. */
export function v2Body(req: RecordedRequest): Record<string, unknown> {
  return JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
}

/** Envelope recipients of a recorded request, whichever API. */
export function envelopeOf(req: RecordedRequest): string[] {
  if (req.api === 'v1') {
    const p = new URLSearchParams(req.body.toString('utf8'));
    const out: string[] = [];
    for (let i = 1; p.has(`Destinations.member.${i}`); i++) out.push(p.get(`Destinations.member.${i}`)!);
    return out;
  }
  const d = (v2Body(req).Destination ?? {}) as Record<string, string[] | undefined>;
  return [...(d.ToAddresses ?? []), ...(d.CcAddresses ?? []), ...(d.BccAddresses ?? [])];
}

/** The SES action of a recorded request: v1 `Action` form field, or v2 method and path. */
export function actionOf(req: RecordedRequest): string {
  if (req.api === 'v1') return v1Params(req).Action ?? '';
  return `${req.method} ${req.path.split('?')[0]}`;
}

/** Account figures the proxy answers `GetAccount` / `GetSendQuota` / `GetAccountSendingEnabled` with. */
export interface AccountFigures {
  max24HourSend: number;
  maxSendRate: number;
  sentLast24Hours: number;
  sendingEnabled: boolean;
}

/**
 * Answers the account calls the emulator does not implement (it hangs on them) the way SES does: v2
 * `GET /v2/email/account` as JSON, v1 `GetSendQuota` / `GetAccountSendingEnabled` as query-API XML. Other
 * requests get `undefined` (forwarded, or left to another rule).
 */
export function accountAnswer(req: RecordedRequest, a: AccountFigures): Fault | undefined {
  const action = actionOf(req);
  const id = `00000000-0000-0000-0000-${String(req.index).padStart(12, '0')}`;
  if (action === 'GET /v2/email/account') {
    return {
      kind: 'reply',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        DedicatedIpAutoWarmupEnabled: false,
        EnforcementStatus: 'HEALTHY',
        ProductionAccessEnabled: false,
        SendQuota: {
          Max24HourSend: a.max24HourSend,
          MaxSendRate: a.maxSendRate,
          SentLast24Hours: a.sentLast24Hours,
        },
        SendingEnabled: a.sendingEnabled,
      }),
    };
  }
  const ns = 'http://ses.amazonaws.com/doc/2010-12-01/';
  if (action === 'GetSendQuota') {
    return {
      kind: 'reply',
      status: 200,
      contentType: 'text/xml',
      body: `<GetSendQuotaResponse xmlns="${ns}"><GetSendQuotaResult><SentLast24Hours>${a.sentLast24Hours}</SentLast24Hours><Max24HourSend>${a.max24HourSend}</Max24HourSend><MaxSendRate>${a.maxSendRate}</MaxSendRate></GetSendQuotaResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></GetSendQuotaResponse>`,
    };
  }
  if (action === 'GetAccountSendingEnabled') {
    return {
      kind: 'reply',
      status: 200,
      contentType: 'text/xml',
      body: `<GetAccountSendingEnabledResponse xmlns="${ns}"><GetAccountSendingEnabledResult><Enabled>${a.sendingEnabled}</Enabled></GetAccountSendingEnabledResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></GetAccountSendingEnabledResponse>`,
    };
  }
  return undefined;
}

/** SES's answer to a request signed with an unknown access key (v1 `InvalidClientTokenId`, v2 `UnrecognizedClientException`). */
export function badCredentialsAnswer(req: RecordedRequest): Fault {
  const message = 'The security token included in the request is invalid.';
  return req.api === 'v1'
    ? { kind: 'v1-error', status: 403, code: 'InvalidClientTokenId', message }
    : { kind: 'v2-error', status: 403, type: 'UnrecognizedClientException', message };
}
