/**
 * Every SES call the sender makes settles: by its own answer, at its deadline, or when the caller's signal fires,
 * whichever comes first. The call's `AbortSignal` is fired too, but a client (or a proxy) that ignores it cannot
 * keep the caller waiting: the race settles regardless.
 */

/** Why a bounded call settled without the call's own answer. */
export class Interrupted extends Error {
  /** `timeout`: the deadline passed; `aborted`: the caller's signal fired. */
  readonly kind: 'timeout' | 'aborted';
  /** The caller's abort reason, for `aborted`. */
  readonly reason: unknown;
  constructor(kind: 'timeout' | 'aborted', reason?: unknown) {
    super(kind === 'timeout' ? 'deadline passed' : 'aborted by the caller');
    this.name = 'Interrupted';
    this.kind = kind;
    this.reason = reason;
  }
}

/**
 * Runs `call` with an AbortSignal and settles within `timeoutMs` (no deadline when undefined), or as soon as
 * `caller` aborts, whatever `call` does with the signal. Rejects with `Interrupted` in those two cases; otherwise
 * settles as `call` does.
 */
export function bounded<T>(
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number | undefined,
  caller: AbortSignal | undefined,
): Promise<T> {
  if (caller?.aborted) return Promise.reject(new Interrupted('aborted', caller.reason));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
      return true;
    };
    const interrupt = (why: Interrupted) => {
      if (!finish()) return;
      controller.abort(why);
      reject(why);
    };
    const onAbort = () => interrupt(new Interrupted('aborted', caller?.reason));
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => interrupt(new Interrupted('timeout')), timeoutMs);
    caller?.addEventListener('abort', onAbort, { once: true });
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call(controller.signal));
    } catch (e) {
      if (finish()) reject(e);
      return;
    }
    pending.then(
      (value) => {
        if (finish()) resolve(value);
      },
      (error: unknown) => {
        if (finish()) reject(error);
      },
    );
  });
}

/** Waits with `sleep(ms)`, or rejects with `Interrupted('aborted')` as soon as `caller` aborts. */
export function sleepUnlessAborted(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  caller: AbortSignal | undefined,
): Promise<void> {
  if (!caller) return sleep(ms);
  return bounded(() => sleep(ms), undefined, caller);
}
