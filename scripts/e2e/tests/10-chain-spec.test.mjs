// docs/chain-spec.md's commands are true: every ```sh block of the page runs, in the page's
// order, in one empty directory, with `tributary-node` the node under test (NODE_BIN) and
// `target/debug/examples/try_runtime_live` the checker under test (TRY_RUNTIME_LIVE); a block
// whose last line starts a node runs that node on free loopback ports until the checks of the
// blocks after it are done. After each block the test checks what it wrote: the exported
// specs (token properties, validators, session keys, raw storage), the edited custom spec, its
// raw form, and the custom chain's node (it authors and finalizes alone, with the genesis the
// edit made). A block marked `<!-- untested: reason -->` is not run; the test checks what it
// can of it. The page's other claims about specs are checked too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, rpc, waitFinalized } from '../node.mjs';
import { connect, TRIB } from '../chain.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const doc = readFileSync(`${root}docs/chain-spec.md`, 'utf8');
const { NODE_BIN, TRY_RUNTIME_LIVE, UPGRADE_WASM } = process.env;
const DOC_RPC = 'ws://127.0.0.1:9944';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const EVE = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw';
const DEV_ENDOWMENT = 1_000_000n * TRIB;
const SPEC_BUFFER = 64 * 1024 * 1024; // a spec holds the runtime: megabytes of hex
const work = mkdtempSync(join(tmpdir(), 'chain-spec-doc-'));
let customNode; // { child, rpcPort, logs() } of the node the page starts

after(async () => {
  if (customNode && customNode.child.exitCode === null) {
    const exited = new Promise((r) => customNode.child.once('exit', r));
    customNode.child.kill('SIGTERM');
    const timer = setTimeout(() => customNode.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(work, { recursive: true, force: true });
});

/** The ```sh blocks of `markdown` in order: { text, untested (its reason, or null) }. */
function shellBlocks(markdown) {
  return [...markdown.matchAll(/(?:<!-- untested: ([\s\S]*?)-->\n)?^```sh\n([\s\S]*?)^```$/gm)]
    .map(([, untested, text]) => ({ text, untested: untested?.replace(/\s+/g, ' ').trim() ?? null }));
}

/** `text` with the documented programs replaced by the ones under test. */
function substituted(text) {
  let out = text.replace(/(^|\s)tributary-node(?=\s)/gm, `$1'${NODE_BIN}'`);
  if (TRY_RUNTIME_LIVE) out = out.replace(/(^|\s)target\/debug\/examples\/try_runtime_live(?=\s)/gm, `$1'${TRY_RUNTIME_LIVE}'`);
  if (customNode) out = out.replaceAll(DOC_RPC, `ws://127.0.0.1:${customNode.rpcPort}`);
  return out;
}

/** Runs shell text in the work directory; returns its stdout. */
function sh(text) {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', text], {
    cwd: work, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: SPEC_BUFFER,
  });
}

const readJson = (file) => JSON.parse(readFileSync(join(work, file), 'utf8'));
const patchOf = (spec) => spec.genesis.runtimeGenesis.patch;

/** The node started by a block's last line: on free loopback ports, no telemetry. */
async function startDocumentedNode(line) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const args = ['--rpc-port', String(rpcPort), '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-mdns', '--no-telemetry', '--no-prometheus'];
  const child = spawn('bash', ['-c', `exec ${substituted(line)} ${args.join(' ')}`], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk) => { log = (log + chunk.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  process.on('exit', () => child.kill('SIGKILL'));
  customNode = { child, rpcPort, logs: () => log };
  for (let i = 0; ; i++) {
    assert.equal(child.exitCode, null, `the documented node exited:\n${log}`);
    try { await rpc(rpcPort, 'system_health'); break; } catch { /* not up yet */ }
    assert.ok(i < 120, `the documented node's RPC did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// What each block must have done, found by what the block says. Each check runs once.
const checks = [
  {
    name: 'export-chain-spec writes the local and dev specs, readable and raw',
    matches: (text) => text.includes('export-chain-spec'),
    async run() {
      const local = readJson('local.json');
      assert.equal(local.name, 'Tributary Local Testnet');
      assert.equal(local.id, 'tributary_local');
      assert.deepEqual(local.properties, { tokenSymbol: 'TRIB', tokenDecimals: 12, ss58Format: 42 });
      const genesis = patchOf(local);
      assert.equal(genesis.session.keys.length, 4, 'four session keys');
      assert.deepEqual(genesis.session.keys.map(([owner, id]) => owner === id), [true, true, true, true]);
      assert.deepEqual(genesis.session.keys.map(([owner]) => owner), genesis.validatorSet.validators);
      assert.equal(genesis.validatorSet.minValidators, 3);
      assert.equal(genesis.validatorSet.sessionLength, 5);
      assert.equal(genesis.aura, undefined, 'no Aura authorities in the spec');
      assert.equal(genesis.grandpa, undefined, 'no GRANDPA authorities in the spec');
      assert.equal(genesis.sudo.key, ALICE);
      assert.equal(genesis.balances.balances.length, 12, 'Alice .. Ferdie and their stashes');
      for (const [, amount] of genesis.balances.balances) assert.equal(BigInt(amount), DEV_ENDOWMENT);
      assert.equal(genesis.attribution.disputePeriod, null, 'local keeps the default dispute period');
      const raw = readJson('local-raw.json');
      assert.match(raw.genesis.raw.top['0x3a636f6465'], /^0x[0-9a-f]+$/, 'the raw spec holds :code');
      assert.ok(Object.keys(raw.genesis.raw.top).length > 20);
      assert.deepEqual(raw.properties, local.properties);
      const dev = readJson('dev.json');
      assert.equal(dev.name, 'Tributary Development');
      assert.deepEqual(dev.properties, local.properties);
      assert.deepEqual(patchOf(dev).validatorSet, { validators: [ALICE], minValidators: 1, sessionLength: 100 });
      assert.equal(patchOf(dev).attribution.disputePeriod, 10);
    },
  },
  {
    name: 'build-spec --chain local writes the readable local spec',
    matches: (text) => /build-spec --chain local > spec\.json/.test(text),
    async run() {
      assert.deepEqual(readJson('spec.json').genesis, readJson('local.json').genesis,
        'build-spec and export-chain-spec write the same genesis');
    },
  },
  {
    name: 'the edit makes My Tributary: Alice alone, one-hour sessions, Eve 5,000,000 TRIB',
    matches: (text) => text.startsWith('python3 - spec.json'),
    async run() {
      const spec = readJson('spec.json');
      assert.equal(spec.name, 'My Tributary');
      assert.deepEqual(patchOf(spec).validatorSet, { validators: [ALICE], minValidators: 1, sessionLength: 600 });
      assert.deepEqual(patchOf(spec).session.keys.map(([owner]) => owner), [ALICE]);
      // Integers stay exact (no 1e+18).
      assert.match(readFileSync(join(work, 'spec.json'), 'utf8'), /\b1000000000000000000\b/);
      assert.match(readFileSync(join(work, 'spec.json'), 'utf8'), /\b5000000000000000000\b/);
    },
  },
  {
    name: 'build-spec --raw makes the custom spec raw',
    matches: (text) => /--chain spec\.json --raw --disable-default-bootnode > my-tributary\.json/.test(text),
    async run() {
      const raw = readJson('my-tributary.json');
      assert.equal(raw.name, 'My Tributary');
      assert.equal(raw.chainType, 'Live');
      assert.deepEqual(raw.bootNodes, []);
      assert.deepEqual(raw.properties, { tokenSymbol: 'TRIB', tokenDecimals: 12, ss58Format: 42 });
      assert.ok(raw.genesis.raw.top['0x3a636f6465']);
    },
  },
  {
    name: 'the custom chain\'s validator authors and finalizes alone, with the edited genesis',
    matches: (text) => /--base-path my-tributary --alice$/m.test(text),
    async run() {
      await waitFinalized(customNode.rpcPort, 1, 90_000).catch((e) => {
        throw new Error(`${e.message}:\n${customNode.logs()}`);
      });
      assert.equal(await rpc(customNode.rpcPort, 'system_chain'), 'My Tributary');
      assert.deepEqual(await rpc(customNode.rpcPort, 'system_properties'),
        { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'TRIB' });
      const { api } = await connect(`ws://127.0.0.1:${customNode.rpcPort}`);
      try {
        assert.deepEqual((await api.query.session.validators()).map(String), [ALICE]);
        assert.equal((await api.query.aura.authorities()).length, 1, 'session filled Aura');
        assert.equal((await api.query.grandpa.authorities()).length, 1, 'session filled GRANDPA');
        assert.equal((await api.query.validatorSet.sessionLength()).toNumber(), 600);
        assert.equal((await api.query.system.account(EVE)).data.free.toBigInt(), 5_000_000n * TRIB);
      } finally {
        await api.disconnect();
      }
    },
  },
  {
    name: 'try_runtime_live passes on the custom chain',
    matches: (text) => text.includes('examples/try_runtime_live --uri'),
    skip: !TRY_RUNTIME_LIVE && 'TRY_RUNTIME_LIVE is unset',
    async run(output) {
      assert.match(output, /try-runtime: on_runtime_upgrade with checks All passed on the state of block #\d+/);
    },
  },
];

test('every sh block of docs/chain-spec.md runs and does what the page says', async (t) => {
  assert.ok(NODE_BIN, 'set NODE_BIN to the tributary-node binary');
  const blocks = shellBlocks(doc);
  const used = new Set();
  for (const block of blocks.filter((b) => !b.untested)) {
    const matching = checks.filter((c) => c.matches(block.text));
    assert.equal(matching.length, 1, `one check per block, found ${matching.length} for:\n${block.text}`);
    const [check] = matching;
    assert.ok(!used.has(check), `two blocks for the check "${check.name}"`);
    used.add(check);
    await t.test(check.name, { skip: check.skip }, async () => {
      const lines = block.text.trimEnd().split('\n');
      const startsNode = /^tributary-node --chain /.test(lines[lines.length - 1]);
      const output = sh(substituted((startsNode ? lines.slice(0, -1) : lines).join('\n')));
      if (startsNode) await startDocumentedNode(lines[lines.length - 1]);
      await check.run(output);
    });
  }
  assert.deepEqual(checks.filter((c) => !used.has(c)).map((c) => c.name), [], 'every check has its block');
});

test('the untested blocks say why, and what they name exists', () => {
  const untested = shellBlocks(doc).filter((b) => b.untested);
  assert.equal(untested.length, 2, untested.map((b) => b.text).join('\n'));
  const [build, cli] = untested;
  // The build: the runtime package and its example.
  assert.equal(build.text.trim(), 'cargo build -p tributary-runtime --example try_runtime_live');
  assert.match(readFileSync(`${root}runtime/Cargo.toml`, 'utf8'), /^name = "tributary-runtime"$/m);
  assert.ok(existsSync(`${root}runtime/examples/try_runtime_live.rs`));
  assert.match(build.untested, /scripts\/test\.sh builds/);
  // The try-runtime CLI: the checks the in-repo checker runs, on the file the build writes.
  assert.match(cli.untested, /not on crates\.io/);
  const line = cli.text.replace(/\\\n\s*/g, ' ').trim();
  assert.match(line, /^try-runtime --runtime target\/release\/wbuild\/tributary-runtime\/tributary_runtime\.compact\.compressed\.wasm /);
  assert.match(line, / on-runtime-upgrade --checks all --blocktime 6000 --disable-mbm-checks live --uri ws:\/\/127\.0\.0\.1:9944$/);
  assert.match(readFileSync(`${root}runtime/Cargo.toml`, 'utf8'), /^try-runtime = \[/m, 'the runtime has a try-runtime feature');
  if (UPGRADE_WASM) {
    assert.ok(existsSync(join(dirname(UPGRADE_WASM), 'tributary_runtime.compact.compressed.wasm')),
      'the build writes tributary_runtime.compact.compressed.wasm beside the upgrade-test WASM');
  }
});

test('genesis rules: no Aura authorities beside session keys, a validator lacking keys builds, sessions of 5 to 100,800 blocks', async () => {
  const local = JSON.parse(execFileSync(NODE_BIN, ['build-spec', '--chain', 'local'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: SPEC_BUFFER }));
  /** Builds the raw form of the local spec edited by `edit`: resolves to { status, stderr }. */
  const variant = (file, edit) => {
    const spec = structuredClone(local);
    edit(patchOf(spec));
    // 10^18 is exact as a JavaScript number and JSON.stringify writes it in full.
    writeFileSync(join(work, file), JSON.stringify(spec));
    return new Promise((resolve) => {
      execFile(NODE_BIN, ['build-spec', '--chain', join(work, file), '--raw'],
        { encoding: 'utf8', timeout: 60_000, maxBuffer: SPEC_BUFFER },
        (error, _stdout, stderr) => resolve({ status: error ? (error.code ?? error.signal) : 0, stderr }));
    });
  };
  const [twice, keyless, ...lengths] = await Promise.all([
    variant('aura-too.json', (g) => { g.aura = { authorities: [g.session.keys[0][2].aura] }; }),
    variant('keyless.json', (g) => { g.session.keys = g.session.keys.slice(0, 3); }),
    // The local spec itself has 5-block sessions (its raw export above built).
    ...[4, 100_800, 100_801].map((length) =>
      variant(`session-${length}.json`, (g) => { g.validatorSet.sessionLength = length; })),
  ]);
  assert.notEqual(twice.status, 0);
  assert.match(twice.stderr, /Authorities are already initialized/);
  assert.equal(keyless.status, 0, keyless.stderr);
  assert.deepEqual(lengths.map((r) => r.status === 0), [false, true, false],
    lengths.map((r) => r.stderr.slice(-300)).join('\n'));
  assert.match(lengths[0].stderr, /session length is outside/);
});

test('jq 1.6 rewrites the balances as 1e+18 and the node refuses the spec', (t) => {
  const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  if (jq.status !== 0 || jq.stdout.trim() !== 'jq-1.6') {
    t.skip(`needs jq 1.6 (found ${jq.status === 0 ? jq.stdout.trim() : 'no jq'})`);
    return;
  }
  const out = sh(`'${NODE_BIN}' build-spec --chain local 2>/dev/null | jq . > jq.json && grep -c '1e+18' jq.json`);
  assert.ok(Number(out) > 0);
  const run = spawnSync(NODE_BIN, ['build-spec', '--chain', join(work, 'jq.json'), '--raw'],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: SPEC_BUFFER });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /Invalid JSON blob/);
});
