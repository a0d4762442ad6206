import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { CampaignError } from './errors.js';
import type { OutcomeStatus, RecipientOutcome } from './types.js';

/** One journal line. `start`: an attempt is about to be sent. `clear`: that attempt ended and sent nothing. */
export type JournalRecord =
  | { k: string; s: 'start' }
  | { k: string; s: 'clear' }
  | ({ k: string; s: OutcomeStatus } & Omit<RecipientOutcome, 'status' | 'attempts'> & { a: number });

/** What the journal knows about one recipient. */
export interface JournalEntry {
  /** Attempts started so far. */
  attempts: number;
  /** An attempt was started and neither an outcome nor a `clear` followed: it may have been sent. */
  open: boolean;
  /** The last outcome recorded. */
  outcome?: RecipientOutcome;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Checks a campaign id: it names files and Redis keys, so only `[A-Za-z0-9._-]`, 1 to 128 characters. */
export function checkCampaignId(id: unknown): string {
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new CampaignError(
      'campaign.options-invalid',
      `Campaign id ${JSON.stringify(String(id)).slice(0, 80)} is not usable: use 1 to 128 characters of A-Z a-z 0-9 . _ - (not starting with . _ -).`,
    );
  }
  return id;
}

/** Folds one record into the state. */
function apply(state: Map<string, JournalEntry>, r: JournalRecord): void {
  const entry = state.get(r.k) ?? { attempts: 0, open: false };
  if (r.s === 'start') {
    entry.attempts++;
    entry.open = true;
  } else if (r.s === 'clear') {
    entry.open = false;
  } else {
    const { k: _k, s, a, ...rest } = r;
    entry.open = false;
    entry.attempts = a;
    entry.outcome = { ...rest, status: s, attempts: a } as RecipientOutcome;
  }
  state.set(r.k, entry);
}

/**
 * An append-only, fsync'd campaign journal (JSON lines, one file per campaign id). `append` resolves once the
 * record is on disk; records of concurrent sends share one write and one fsync (group commit), so durability
 * costs one fsync per batch, not per record.
 */
export class Journal {
  private readonly file: FileHandle;
  private queue: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private failed: unknown;

  private constructor(file: FileHandle) {
    this.file = file;
  }

  /**
   * Opens (or creates) `dir/<id>.journal` and replays it. A torn last line (the process died mid-write) is cut
   * off; any other unreadable line is a `campaign.journal-corrupt` error, since guessing could send twice.
   */
  static async open(
    dir: string,
    id: string,
  ): Promise<{ journal: Journal; state: Map<string, JournalEntry> }> {
    if (typeof dir !== 'string' || dir === '') {
      throw new CampaignError(
        'campaign.options-invalid',
        '`journal` must name a directory (a non-empty string).',
      );
    }
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${id}.journal`);
    const file = await open(path, 'a+');
    const state = new Map<string, JournalEntry>();
    let good = 0;
    let offset = 0;
    let line = 0;
    let rest = '';
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        const raw = text.slice(start, nl);
        line++;
        let rec: JournalRecord;
        try {
          rec = JSON.parse(raw) as JournalRecord;
          if (typeof rec?.k !== 'string' || typeof rec.s !== 'string') throw new Error('not a record');
        } catch (e) {
          await file.close();
          throw new CampaignError(
            'campaign.journal-corrupt',
            `Journal ${path} line ${line} is not a journal record; restore it from a backup or start a new campaign id.`,
            { cause: e },
          );
        }
        apply(state, rec);
        offset += Buffer.byteLength(raw) + 1;
        good = offset;
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    // Bytes after the last newline are a torn write: the record was never acknowledged, so drop it.
    if (rest !== '') await file.truncate(good);
    if (good === 0) {
      // A new file: make its directory entry durable too.
      const d = await open(dir, 'r');
      await d.sync().finally(() => d.close());
    }
    return { journal: new Journal(file), state };
  }

  /** Appends a record; resolves once it is fsync'd. */
  append(record: JournalRecord): Promise<void> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    this.queue.push(`${JSON.stringify(record)}\n`);
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flush();
    return p;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const lines = this.queue;
      const waiters = this.waiters;
      this.queue = [];
      this.waiters = [];
      try {
        await this.file.appendFile(lines.join(''));
        await this.file.datasync();
        for (const w of waiters) w.resolve();
      } catch (e) {
        // After a failed write the file's tail is unknown: refuse every later record.
        this.failed = e;
        for (const w of [...waiters, ...this.waiters]) w.reject(e);
        this.queue = [];
        this.waiters = [];
      }
    }
    this.flushing = undefined;
  }

  /** Waits for pending records, then closes the file. */
  async close(): Promise<void> {
    await this.flushing;
    await this.file.close();
  }
}
