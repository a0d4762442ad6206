import { SESClient } from '@aws-sdk/client-ses';
import { SESv2Client } from '@aws-sdk/client-sesv2';

const credentials = { accessKeyId: 'AKIDRAWMAILTEST', secretAccessKey: 'rawmail-test-secret' };

/** Real SDK clients pointed at `endpoint` (the recording proxy), with request timeouts: unimplemented emulator actions hang. */
export function makeClients(endpoint: string, requestTimeout = 5000) {
  const requestHandler = { requestTimeout, connectionTimeout: 2000, throwOnRequestTimeout: true };
  return {
    v1: new SESClient({ endpoint, region: 'eu-west-1', credentials, requestHandler }),
    v2: new SESv2Client({ endpoint, region: 'eu-west-1', credentials, requestHandler }),
  };
}
