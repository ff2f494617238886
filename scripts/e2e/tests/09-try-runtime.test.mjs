// The in-repo try-runtime check against a live chain with state: `try_runtime_live` (built
// from runtime/examples/try_runtime_live.rs; `TRY_RUNTIME_LIVE`) downloads the finalized state
// of a dev node on which the economy has run, and runs this runtime's upgrade on it natively
// with every check (each migration's pre/post checks, every pallet's try_state). It must pass
// on the economy's state, fail on the same state once sudo has broken one of its invariants,
// and fail when there is no chain to check, each failure with a non-zero exit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startDevNode, freePort, waitFinalized } from '../node.mjs';
import { connect, submit, putEconomyOnChain, sudoOutcome } from '../chain.mjs';

const TRY_RUNTIME_LIVE = process.env.TRY_RUNTIME_LIVE;
const skip = TRY_RUNTIME_LIVE ? false
  : 'TRY_RUNTIME_LIVE is unset: set it to the try_runtime_live example binary (scripts/test.sh '
    + 'builds it and sets it)';
const CHECK_TIMEOUT_MS = 120_000;

let node, api, a, economy;

before(async () => {
  if (skip) return;
  node = await startDevNode();
  ({ api, accounts: a } = await connect(node.wsUrl));
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

/** Runs try_runtime_live against `uri`; resolves to { code, stdout, stderr, ms }. */
function tryRuntimeLive(uri) {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(TRY_RUNTIME_LIVE, ['--uri', uri], { timeout: CHECK_TIMEOUT_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => resolve({
        code: error ? (error.code ?? error.signal) : 0, stdout, stderr, ms: Date.now() - started,
      }));
  });
}

test('setup: the economy on chain, finalized', { skip }, async () => {
  economy = await putEconomyOnChain(api, a, 'try-runtime');
  await waitFinalized(node.rpcPort, economy.lastBlock.number, 60_000);
  // Its inference record is still in its dispute period: the check sees a live record.
  assert.ok((await api.query.attribution.inferences(economy.inference)).isSome);
});

test('try_runtime_live passes every migration check and try_state on the live state', { skip }, async () => {
  assert.ok(economy, 'the economy is on chain');
  const run = await tryRuntimeLive(node.wsUrl);
  assert.equal(run.code, 0, `try_runtime_live failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  const summary = run.stdout.trim().split('\n').pop();
  assert.match(summary, /on_runtime_upgrade with checks All passed/, summary);
  assert.match(summary, /try_state/, summary);
  // It checked a state that holds the economy: the finalized head at or after its last block.
  const block = Number(summary.match(/block #(\d+)/)?.[1]);
  assert.ok(block >= economy.lastBlock.number, `checked block #${block}, the economy ended at #${economy.lastBlock.number}`);
  console.log(`try_runtime_live: ${run.ms} ms: ${summary}`);
});

test('try_runtime_live fails on the live state once an invariant is broken', { skip }, async () => {
  assert.ok(economy, 'the economy is on chain');
  // NextContributionId back to 0 while contributions 0 and 1 exist: the dataset registry's
  // try_state refuses "contribution id from the future".
  const next = await api.query.datanets.nextContributionId();
  const zero = api.createType(next.toRawType(), 0).toHex();
  const r = await submit(api, api.tx.sudo.sudo(api.tx.system.setStorage([
    [api.query.datanets.nextContributionId.key(), zero]])), a.alice);
  assert.equal(sudoOutcome(api, r.events), null);
  const { number } = await api.rpc.chain.getHeader(r.blockHash);
  await waitFinalized(node.rpcPort, number.toNumber(), 60_000);
  const run = await tryRuntimeLive(node.wsUrl);
  assert.equal(run.code, 1, `exit ${run.code}:\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, /FAILED/);
  // The binary prints the executive's summary of the failure, not the pallet's message (it
  // sets up no logger).
  assert.match(run.stderr, /try_state/);
  assert.doesNotMatch(run.stdout, /passed/);
});

test('try_runtime_live fails with a non-zero exit when no node answers', { skip }, async () => {
  const run = await tryRuntimeLive(`ws://127.0.0.1:${await freePort()}`);
  assert.notEqual(run.code, 0, `exit ${run.code}:\n${run.stdout}`);
  assert.match(run.stderr, /FAILED/);
  assert.doesNotMatch(run.stdout, /passed/);
});
