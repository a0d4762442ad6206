import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CampaignError } from './errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks this process holds (a lock file with our pid that is not here was left by an earlier process). */
const held = new Set<string>();

/**
 * Takes `dir/<id>.lock` so that two processes never run one journal at once. A lock left by a process that no
 * longer exists (it crashed) is taken over. Returns the release function.
 */
export async function lockCampaign(dir: string, id: string): Promise<() => Promise<void>> {
  const path = join(dir, `${id}.lock`);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      held.add(path);
      return async () => {
        held.delete(path);
        await unlink(path).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      const mine = pid === process.pid && held.has(path);
      if (mine || (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))) {
        throw new CampaignError(
          'campaign.journal-locked',
          `Campaign ${id} is already running in process ${pid} (lock ${path}); wait for it or stop it first.`,
        );
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new CampaignError(
    'campaign.journal-locked',
    `Could not take the lock ${path}; another process keeps taking it.`,
  );
}
