// The test suite needs two programs besides Node.js: python3 (the Python `email` oracles) and Debian's redis-server
// (the campaign tests start their own on 127.0.0.1). `pnpm check` runs this first: a missing one is installed with
// apt when we are root on a Debian-like machine (as CI is), otherwise the check stops here and says what to install,
// instead of failing later in the middle of the suite.
import { execFileSync, spawnSync } from 'node:child_process';

const needed = [
  { command: 'python3', args: ['--version'], apt: 'python3' },
  { command: 'redis-server', args: ['--version'], apt: 'redis-server' },
];
const present = (c) => spawnSync(c.command, c.args, { stdio: 'ignore' }).status === 0;
const missing = needed.filter((c) => !present(c));
if (missing.length > 0) {
  const packages = missing.map((c) => c.apt);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      `The tests need ${missing.map((c) => c.command).join(' and ')}, which this machine lacks. Install ${packages.join(' ')} (Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')}) and run again.`,
    );
    process.exit(1);
  }
  console.log(`installing ${packages.join(', ')} with apt-get (missing, needed by the tests)`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const still = missing.filter((c) => !present(c));
  if (still.length > 0) {
    console.error(`apt-get did not provide ${still.map((c) => c.command).join(', ')}.`);
    process.exit(1);
  }
}
