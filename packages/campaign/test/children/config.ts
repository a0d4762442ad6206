// Shared by the child processes the wire tests spawn: the client, the sender and the recipients.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createSesSender } from '@rawmail/ses';

/** The child's configuration, passed as JSON in RAWMAIL_CHILD. */
export interface ChildConfig {
  endpoint: string;
  journal?: string;
  id?: string;
  recipientsFile?: string;
  redisPort?: number;
  queueName?: string;
  maxSendRate?: number;
  concurrency?: number;
}

export const config = JSON.parse(process.env.RAWMAIL_CHILD ?? '{}') as ChildConfig;

/** A v2 client at the proxy and a sender that leaves every retry to the campaign. */
export function makeSender() {
  const client = new SESv2Client({
    endpoint: config.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDRAWMAILTEST', secretAccessKey: 'rawmail-test-secret' },
    requestHandler: { requestTimeout: 5000, connectionTimeout: 2000, throwOnRequestTimeout: true },
  });
  return createSesSender({ client, retry: { maxAttempts: 1 } });
}

/** Streams recipients from a file, one JSON object a line: the file is never loaded whole. */
export async function* linesOf(
  file: string,
): AsyncGenerator<{ address: string; name: string; token: string }> {
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line !== '') yield JSON.parse(line);
  }
}
