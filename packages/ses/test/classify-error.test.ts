/**
 * The retry classification, exhaustively and exactly: for every SES error name, network code and HTTP status the
 * code, whether a retry is safe, whether the message may have been sent, and the message and fields carried.
 * (SDK-shaped errors built here; the real SDK's errors through the emulator are in sender.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import { classifyError, SesSendError } from '../src/index.js';

const svc = (name: string, message: string, status?: number, requestId?: string) =>
  Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId },
  });
const net = (code: string, message = `${code} happened`, name = 'Error') =>
  Object.assign(new Error(message), { code, name });
const shape = (e: SesSendError) => [e.code, e.retryable, e.ambiguous];

describe('SES error names (v1 codes and v2 exception names)', () => {
  test.each([
    ['Throttling', 'Throttling', true],
    ['ThrottlingException', 'Throttling', true],
    ['TooManyRequests', 'Throttling', true],
    ['TooManyRequestsException', 'Throttling', true],
    ['MessageRejected', 'MessageRejected', false],
    ['MessageRejectedException', 'MessageRejected', false],
    ['InvalidParameterValue', 'InvalidParameterValue', false],
    ['BadRequest', 'InvalidParameterValue', false],
    ['BadRequestException', 'InvalidParameterValue', false],
    ['ValidationError', 'InvalidParameterValue', false],
    ['MailFromDomainNotVerified', 'MailFromDomainNotVerified', false],
    ['MailFromDomainNotVerifiedException', 'MailFromDomainNotVerified', false],
    ['ConfigurationSetDoesNotExist', 'ConfigurationSetDoesNotExist', false],
    ['ConfigurationSetSendingPaused', 'ConfigurationSetSendingPaused', false],
    ['AccountSendingPaused', 'AccountSendingPaused', false],
    ['SendingPausedException', 'AccountSendingPaused', false],
    ['AccountSuspended', 'AccountSuspended', false],
    ['AccountSuspendedException', 'AccountSuspended', false],
    ['NotFoundException', 'NotFound', false],
    ['LimitExceededException', 'LimitExceeded', false],
    ['AccessDenied', 'AccessDenied', false],
    ['AccessDeniedException', 'AccessDenied', false],
    ['InvalidClientTokenId', 'AccessDenied', false],
    ['SignatureDoesNotMatch', 'AccessDenied', false],
    ['UnrecognizedClientException', 'AccessDenied', false],
    ['CredentialsProviderError', 'InvalidCredentials', false],
    ['InternalFailure', 'ServerError', true],
    ['ServiceUnavailable', 'ServerError', true],
    ['ServiceUnavailableException', 'ServerError', true],
  ])('%s → %s (retryable %s)', (name, code, retryable) => {
    const e = classifyError(svc(name, 'SES said so', 400, 'req-1'), 2);
    expect(e).toBeInstanceOf(SesSendError);
    expect({ ...e, message: e.message, cause: e.cause }).toEqual({
      name: 'SesSendError',
      code,
      retryable,
      ambiguous: false,
      ruleCode: undefined,
      sesCode: name,
      httpStatus: 400,
      requestId: 'req-1',
      attempts: 2,
      message: 'SES said so',
      cause: expect.objectContaining({ name }),
    });
  });

  test("SES's text maps to the rule that prevents it", () => {
    const e = classifyError(svc('InvalidParameterValue', 'Domain contains control or whitespace', 400), 1);
    expect(e.ruleCode).toBe('address.whitespace-or-control');
    const unknown = classifyError(svc('Mystery', 'Domain contains control or whitespace', 400), 1);
    expect([unknown.code, unknown.ruleCode]).toEqual(['Unknown', 'address.whitespace-or-control']);
  });

  test('the daily quota is told apart from the rate by its text, whatever the name', () => {
    for (const name of ['Throttling', 'LimitExceededException', 'Whatever']) {
      const e = classifyError(svc(name, 'Daily message quota exceeded.', 400), 1);
      expect([...shape(e), e.sesCode, e.message]).toEqual([
        'DailyQuotaExceeded',
        false,
        false,
        name,
        'Daily message quota exceeded.',
      ]);
    }
    expect(shape(classifyError(svc('Throttling', 'Maximum sending rate exceeded.', 400), 1))).toEqual([
      'Throttling',
      true,
      false,
    ]);
  });
});

describe('HTTP status when the name is unknown', () => {
  test.each([
    [500, 'ServerError', true, false, 'SES answered HTTP 500 (Mystery): boom'],
    [502, 'ServerError', true, false, 'SES answered HTTP 502 (Mystery): boom'],
    [599, 'ServerError', true, false, 'SES answered HTTP 599 (Mystery): boom'],
    [429, 'Throttling', true, false, 'boom'],
    [499, 'Unknown', false, false, 'boom'],
    [400, 'Unknown', false, false, 'boom'],
    [300, 'Unknown', false, false, 'boom'],
    [200, 'Unknown', false, true, 'SES accepted the request but its answer could not be read: boom'],
    [299, 'Unknown', false, true, 'SES accepted the request but its answer could not be read: boom'],
    [199, 'Unknown', false, false, 'boom'],
  ])('%i → %s retryable=%s ambiguous=%s', (status, code, retryable, ambiguous, message) => {
    const e = classifyError(svc('Mystery', 'boom', status), 1);
    expect([...shape(e), e.message, e.sesCode, e.httpStatus]).toEqual([
      code,
      retryable,
      ambiguous,
      message,
      'Mystery',
      status,
    ]);
  });
});

describe('network failures (no HTTP answer)', () => {
  test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])(
    '%s: before the request, safe to retry',
    (code) => {
      const e = classifyError(net(code), 1);
      expect([...shape(e), e.sesCode, e.message]).toEqual([
        'Network',
        true,
        false,
        code,
        `Could not connect to SES (${code}): ${code} happened`,
      ]);
    },
  );

  test.each([
    ['ECONNRESET', 'Network'],
    ['EPIPE', 'Network'],
    ['ETIMEDOUT', 'Timeout'],
    ['ECONNABORTED', 'Network'],
    ['ERR_STREAM_PREMATURE_CLOSE', 'Network'],
  ])('%s: after the request, ambiguous, never retried', (code, want) => {
    const e = classifyError(net(code), 1);
    expect([...shape(e), e.sesCode, e.message]).toEqual([
      want,
      false,
      true,
      code,
      `The connection to SES failed after the request was sent (${code}); the message may have been sent: ${code} happened`,
    ]);
  });

  test('status -1 counts as no answer', () => {
    const e = classifyError(Object.assign(net('ECONNREFUSED'), { $metadata: { httpStatusCode: -1 } }), 1);
    expect(shape(e)).toEqual(['Network', true, false]);
  });

  test("the SDK's TimeoutError: before connecting is retryable; otherwise a timeout, ambiguous", () => {
    const connect = classifyError(
      net('', 'Socket did not establish a connection within 1000 ms', 'TimeoutError'),
      1,
    );
    expect([...shape(connect), connect.sesCode, connect.message]).toEqual([
      'Network',
      true,
      false,
      'TimeoutError',
      'Could not connect to SES in time: Socket did not establish a connection within 1000 ms',
    ]);
    const plain = classifyError(Object.assign(new Error('took too long'), { name: 'TimeoutError' }), 1);
    expect([...shape(plain), plain.sesCode]).toEqual(['Timeout', false, true, 'TimeoutError']);
    const reset = classifyError(net('ECONNRESET', 'socket hang up', 'TimeoutError'), 1);
    expect([...shape(reset), reset.sesCode]).toEqual(['Network', false, true, 'ECONNRESET']);
  });

  test('a socket hang-up without a code is ambiguous', () => {
    const e = classifyError(new Error('Socket Hang Up'), 1);
    expect([...shape(e), e.sesCode]).toEqual(['Network', false, true, 'Error']);
  });

  test('an unknown code with no answer is Unknown, not retried', () => {
    const e = classifyError(net('EWHATEVER'), 1);
    expect([...shape(e), e.sesCode, e.message]).toEqual([
      'Unknown',
      false,
      false,
      'Error',
      'EWHATEVER happened',
    ]);
  });
});

describe('near misses', () => {
  test('only an "Exception" suffix is dropped from a name', () => {
    expect(classifyError(svc('NotFoundSomething', 'x', 400), 1).code).toBe('Unknown');
  });

  test('a network-looking message with an HTTP answer is classified by the answer', () => {
    const e = classifyError(svc('Mystery', 'socket hang up', 502), 1);
    expect([...shape(e), e.message]).toEqual([
      'ServerError',
      true,
      false,
      'SES answered HTTP 502 (Mystery): socket hang up',
    ]);
  });

  test('"did not establish a connection" is retryable only from the SDK\'s TimeoutError', () => {
    const e = classifyError(new Error('did not establish a connection'), 1);
    expect(shape(e)).toEqual(['Unknown', false, false]);
  });

  test('a non-string code is not a network code', () => {
    const e = classifyError({ name: 'Error', message: 'socket hang up', code: 9 }, 1);
    expect([...shape(e), e.sesCode, e.message]).toEqual([
      'Network',
      false,
      true,
      'Error',
      'The connection to SES failed after the request was sent (Error); the message may have been sent: socket hang up',
    ]);
  });
});

describe('timeouts, pass-through and odd values', () => {
  test("the sender's own attempt timeout and AbortError are ambiguous timeouts", () => {
    const msg = 'No answer from SES within the attempt timeout; the message may have been sent.';
    const t = classifyError(svc('Throttling', 'x', 400), 3, true);
    // The sender's own deadline has no SES or SDK name.
    expect([...shape(t), t.sesCode, t.message, t.attempts]).toEqual([
      'Timeout',
      false,
      true,
      undefined,
      msg,
      3,
    ]);
    const a = classifyError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 1);
    expect([...shape(a), a.sesCode, a.message]).toEqual(['Timeout', false, true, 'AbortError', msg]);
  });

  test('a SesSendError is returned as it is', () => {
    const e = classifyError(svc('Throttling', 'x', 400), 1);
    expect(classifyError(e, 5)).toBe(e);
  });

  test('non-Error values are classified from what they are', () => {
    const s = classifyError('plain string', 1);
    expect([...shape(s), s.sesCode, s.message, s.cause]).toEqual([
      'Unknown',
      false,
      false,
      'Error',
      'plain string',
      'plain string',
    ]);
    const n = classifyError(null, 1);
    expect([n.code, n.message, n.httpStatus]).toEqual(['Unknown', 'null', undefined]);
    const empty = classifyError(Object.assign(new Error(''), { name: 'Mystery' }), 1);
    expect(empty.message).toBe('Mystery');
    const odd = classifyError({ name: 42, message: 7, code: 9 }, 1);
    expect([odd.code, odd.sesCode, odd.message]).toEqual(['Unknown', 'Error', '[object Object]']);
  });
});
