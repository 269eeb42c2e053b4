// Every property test is replayable. Each test file draws one fast-check seed (or takes KATAMON_FC_SEED), sets
// it globally, so fc.assert, @fast-check/vitest's test.prop and fc.sample all start from it, and prints it
// with the replay command when a test of the file fails. fast-check's own failure message adds the path of
// the shrunk counterexample; KATAMON_FC_PATH replays that one case directly (with -t naming the test).
import fc from 'fast-check';
import { beforeEach } from 'vitest';

const given = process.env['KATAMON_FC_SEED'];
const seed = given !== undefined && given !== '' ? Number(given) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
if (!Number.isSafeInteger(seed)) throw new Error(`KATAMON_FC_SEED must be an integer, got ${JSON.stringify(given)}`);
const path = process.env['KATAMON_FC_PATH'] || undefined;
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed, ...(path ? { path } : {}) });

const told = new WeakSet();
beforeEach(({ onTestFailed, task }) => {
  if (told.has(task)) return;
  told.add(task);
  onTestFailed(() => {
    // test.prop names carry "(with seed=…)"; the replay pattern works with or without it.
    const name = task.name.replace(/ \(with seed=-?\d+\)$/, '');
    console.error(
      `fast-check seed of ${task.file.name}: ${seed}. Replay: KATAMON_FC_SEED=${seed} npx vitest run ${task.file.name}` +
        ` -t ${JSON.stringify(name)} (add KATAMON_FC_PATH=<path> from a property failure to replay its counterexample)`,
    );
  });
});
