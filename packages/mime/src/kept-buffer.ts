/**
 * A decoding buffer kept between calls, so that decoding a long value makes no new buffer (garbage) each time. It
 * grows by doubling up to `maxKept` bytes; a larger request gets a one-off buffer, so one huge value is not held
 * after its call. Internal to the decoders: not exported from the package.
 */
export class KeptBuffer {
  private kept = Buffer.allocUnsafe(0);

  /** `maxKept`: the largest buffer kept between calls. */
  constructor(private readonly maxKept: number) {}

  /** A buffer of at least `n` bytes whose contents are used only until the next call. */
  room(n: number): Buffer {
    if (n <= this.kept.length) return this.kept;
    const room = Buffer.allocUnsafe(Math.max(n, Math.min(2 * this.kept.length, this.maxKept)));
    if (room.length <= this.maxKept) this.kept = room;
    return room;
  }
}
