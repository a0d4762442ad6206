import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSesSender } from '@rawmail/ses';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createCampaignWorker, limiterFor } from '../src/bullmq/index.js';
import { CampaignError, type CampaignProgress, runCampaign } from '../src/index.js';
import { Journal } from '../src/journal.js';
import { lockCampaign } from '../src/lock.js';
import { ProgressMeter } from '../src/progress.js';
import { readers, renderNewsletter } from './harness/render.js';
import { sends, useSesEnv } from './harness/ses.js';

const env = useSesEnv();
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rawmail-units-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const sender = () => createSesSender({ client: env.client, retry: { maxAttempts: 1 } });

describe('journal', () => {
  test('replays starts, clears and outcomes; a torn last line is cut off', async () => {
    const { journal } = await Journal.open(dir, 'c1');
    await Promise.all([
      journal.append({ k: 'a', s: 'start' }),
      journal.append({ k: 'b', s: 'start' }),
      journal.append({ k: 'c', s: 'start' }),
    ]);
    await journal.append({ k: 'a', s: 'sent', recipient: 'A', messageId: 'm1', a: 1 });
    await journal.append({ k: 'c', s: 'clear' });
    await journal.close();
    // A crash in the middle of writing the next record.
    await appendFile(join(dir, 'c1.journal'), '{"k":"b","s":"se');
    const { journal: again, state } = await Journal.open(dir, 'c1');
    await again.close();
    expect(state.get('a')).toEqual({
      attempts: 1,
      open: false,
      outcome: { recipient: 'A', messageId: 'm1', status: 'sent', attempts: 1 },
    });
    expect(state.get('b')).toEqual({ attempts: 1, open: true });
    expect(state.get('c')).toEqual({ attempts: 1, open: false });
    const text = await readFile(join(dir, 'c1.journal'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(6);
  });

  test('a damaged line in the middle is an error, not a guess', async () => {
    await writeFile(join(dir, 'c2.journal'), '{"k":"a","s":"start"}\nnot json\n{"k":"a","s":"clear"}\n');
    const err = await Journal.open(dir, 'c2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CampaignError);
    expect((err as CampaignError).code).toBe('campaign.journal-corrupt');
    expect((err as CampaignError).message).toContain('line 2');
  });
});

describe('lock', () => {
  test('a second run of the same campaign is refused while the first holds the lock; a dead holder is taken over', async () => {
    const release = await lockCampaign(dir, 'c3');
    const err = await lockCampaign(dir, 'c3').catch((e: unknown) => e);
    expect((err as CampaignError).code).toBe('campaign.journal-locked');
    await release();
    // A lock file left by a process that is gone (pid 2^22 + 1 is above Linux's pid_max default).
    await writeFile(join(dir, 'c3.lock'), String(4_194_305));
    const again = await lockCampaign(dir, 'c3');
    await again();
  });
});

describe('options', () => {
  const base = () => ({
    id: 'ok',
    journal: dir,
    recipients: readers(1),
    render: renderNewsletter,
    sender: sender(),
  });
  test.each([
    [{ id: 'bad id' }, /Campaign id "bad id"/],
    [{ id: '../escape' }, /Campaign id/],
    [{ journal: '' }, /`journal` must name a directory/],
    [{ maxSendRate: 0 }, /`maxSendRate` must be a number greater than 0/],
    [{ concurrency: 1.5 }, /`concurrency` must be a whole number/],
    [{ render: 'x' }, /`render` must be a function/],
    [{ sender: {} }, /`sender` must be a sender/],
    [{ recipients: 42 }, /`recipients` must be an array/],
    [{ retry: { maxAttempts: 0 } }, /`retry.maxAttempts`/],
  ])('runCampaign refuses %o before sending anything', async (bad, message) => {
    const err = await runCampaign({ ...base(), ...(bad as object) } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CampaignError);
    expect((err as CampaignError).code).toBe('campaign.options-invalid');
    expect((err as Error).message).toMatch(message);
    expect(sends(env.proxy)).toHaveLength(0);
  });

  test('createCampaignWorker refuses a bad queue name and lock duration', () => {
    const common = { connection: { host: '127.0.0.1', port: 1 }, render: renderNewsletter, sender: sender() };
    expect(() => createCampaignWorker({ ...common, queueName: 'a:b' })).toThrow(/queueName/);
    expect(() => createCampaignWorker({ ...common, queueName: 'q', lockDurationMs: 10 })).toThrow(
      /lockDurationMs/,
    );
  });

  test('limiterFor never allows more than the rate per window', () => {
    for (const rate of [1, 3, 10, 14, 200, 1234]) {
      const { max, duration } = limiterFor(rate);
      expect(max).toBeGreaterThanOrEqual(1);
      expect((max * 1000) / duration).toBeLessThanOrEqual(rate);
    }
  });
});

describe('recipients and progress', () => {
  test('malformed entries are skipped with campaign.recipient-invalid, the rest are sent', async () => {
    const report = await runCampaign({
      id: 'mixed',
      journal: dir,
      recipients: [
        readers(1)[0]!,
        {} as never,
        '   ',
        'evil@example.org\r\nBcc: x@example.org',
        readers(2)[1]!,
      ],
      data: { issue: 'x' },
      render: renderNewsletter,
      sender: sender(),
    });
    expect(report.outcomes.map((o) => [o.status, o.code])).toEqual([
      ['sent', undefined],
      ['skipped', 'campaign.recipient-invalid'],
      ['skipped', 'campaign.recipient-invalid'],
      ['skipped', 'campaign.recipient-invalid'],
      ['sent', undefined],
    ]);
    expect(report.outcomes[3]!.message).toContain('\\r\\n');
    expect(sends(env.proxy)).toHaveLength(2);
  });

  test('onProgress reports counts, a rate and an ETA, ending at the total', async () => {
    const seen: CampaignProgress[] = [];
    await runCampaign({
      id: 'progress',
      journal: dir,
      recipients: readers(40),
      data: { issue: 'x' },
      render: renderNewsletter,
      sender: sender(),
      maxSendRate: 40,
      progressIntervalMs: 100,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.length).toBeGreaterThan(2);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ id: 'progress', total: 40, done: 40, sent: 40, etaSeconds: 0 });
    const middle = seen.find((p) => p.done > 5 && p.done < 40)!;
    expect(middle.ratePerSecond).toBeGreaterThan(0);
    expect(middle.etaSeconds).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  });

  test('the progress meter: rate over the window, ETA from the rate', () => {
    let now = 0;
    const m = new ProgressMeter('m', 5000, () => now);
    for (let i = 0; i < 10; i++) {
      now += 200;
      m.add('sent', true);
    }
    const p = m.snapshot(30);
    expect(p.ratePerSecond).toBeCloseTo(10 / 1.8, 5);
    expect(p.etaSeconds).toBeCloseTo(20 / (10 / 1.8), 5);
    expect(m.snapshot(undefined).etaSeconds).toBeUndefined();
  });
});
