/**
 * The SDK client retries on its own (standard mode, 3 attempts): throttling, 5xx, and transient network errors —
 * including a reset or timeout after the request was written, which can deliver a message twice. The sender owns
 * its retry policy, so every send command it builds replaces the client's `retryMiddleware` with a pass-through
 * for that command only (same name, step and priority, `override: true`; the command's stack is concatenated
 * after the client's, so the override wins). The user's client keeps its own retries for every other command.
 * Tests count the requests that reach the endpoint to prove it.
 */

interface MiddlewareStackLike {
  add(middleware: unknown, options: Record<string, unknown>): void;
}

type Next = (args: { request: unknown }) => Promise<unknown>;

/** Replaces the client's retry middleware with a single attempt for this command. */
export function makeSingleAttempt<C extends object>(command: C): C {
  const stack = (command as { middlewareStack?: MiddlewareStackLike }).middlewareStack;
  if (!stack || typeof stack.add !== 'function') return command;
  stack.add(
    (next: Next) => async (args: { request: unknown }) => {
      const request = args.request as { headers?: Record<string, string> } | undefined;
      if (request?.headers) request.headers['amz-sdk-request'] = 'attempt=1; max=1';
      return next(args);
    },
    { name: 'retryMiddleware', tags: ['RETRY'], step: 'finalizeRequest', priority: 'high', override: true },
  );
  return command;
}
