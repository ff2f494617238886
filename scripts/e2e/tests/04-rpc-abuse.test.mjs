// RPC abuse (issue 13): every attribution_ method fed oversized and malformed params (1 MiB
// strings, deeply nested arrays and objects, negative, overflowing and fractional numbers,
// wrong types, missing, extra and unknown params, non-hex hashes) answers a JSON-RPC
// invalid-params error, each within a latency bound; the node keeps producing blocks under
// that load and after it, and exits within 10 s of SIGTERM while still under it.
//
// The latency bound is ABUSE_LATENCY_MS, by default 50 ms against a release node (NODE_BIN
// under a `release` directory) and DEBUG_LATENCY_MS against a debug one, whose JSON parsing
// (serde_json at opt-level 0, in jsonrpsee before any of our code runs) is slower. Measured
// on the 2-core dev box, slowest answer: release 18 ms, debug 46 ms (112 ms under load).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDevNode, rpc } from '../node.mjs';

const DEBUG_LATENCY_MS = 500; // measured max 46 ms sequential, 112 ms under load (idle 2-core box)
const RELEASE = /[/\\]release[/\\]/.test(process.env.NODE_BIN ?? '');
const LATENCY_MS = Number(process.env.ABUSE_LATENCY_MS ?? (RELEASE ? 50 : DEBUG_LATENCY_MS));
const SIGTERM_EXIT_MS = 10_000;
const INVALID_PARAMS = -32602;

const MiB = 1 << 20;
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const hex = (digits, c = 'a') => `"0x${c.repeat(digits)}"`;

// Big values, built once.
const STRING_1MIB = `"${'5'.repeat(MiB)}"`;
const ACCOUNT_300KB = `"${'5'.repeat(300 * 1024)}"`;
const DEEP_ARRAY = `${'['.repeat(1 << 17)}${']'.repeat(1 << 17)}`; // 131072 levels, 256 KiB
const DEEP_OBJECT = `${'{"a":'.repeat(1 << 15)}0${'}'.repeat(1 << 15)}`; // 32768 levels, 192 KiB
const HUGE_INTEGER = '9'.repeat(1 << 16); // 65536 digits

// Every method, its parameters in order and each one's kind.
const METHODS = {
  attribution_datanet: [['id', 'u32'], ['at', 'at']],
  attribution_datanetStats: [['id', 'u32'], ['at', 'at']],
  attribution_datanetVersion: [['datanet', 'u32'], ['version', 'u32'], ['at', 'at']],
  attribution_contribution: [['id', 'u64'], ['at', 'at']],
  attribution_contributionByHash: [['hash', 'hash'], ['at', 'at']],
  attribution_model: [['id', 'u32'], ['at', 'at']],
  attribution_modelVersion: [['id', 'u32'], ['version', 'u32'], ['at', 'at']],
  attribution_modelLineage: [['id', 'u32'], ['at', 'at']],
  attribution_inference: [['id', 'u64'], ['at', 'at']],
  attribution_contributionUsage: [['id', 'u64'], ['page', 'page'], ['at', 'at']],
  attribution_modelInferences: [['id', 'u32'], ['page', 'page'], ['at', 'at']],
  attribution_payerInferences: [['account', 'account'], ['page', 'page'], ['at', 'at']],
  attribution_earnings: [['account', 'account'], ['at', 'at']],
  attribution_previewSplit: [['model', 'u32'], ['version', 'u32'], ['fee', 'fee'],
    ['attributions', 'attributions'], ['at', 'at']],
  attribution_maxPageSize: [['at', 'at']],
};

const VALID = {
  u32: '0', u64: '0', hash: hex(64, '0'), account: `"${ALICE}"`, fee: '"1000"',
  page: '{"start":0,"limit":1}', attributions: '[]', at: 'null',
};

const attributions = (n, weight) => `[${Array.from({ length: n },
  (_, c) => `{"contribution":${c},"weight":${weight}}`).join(',')}]`;

// Small malformed values of each kind (every one must be refused as invalid params).
const MALFORMED = {
  u32: ['-1', '4294967296', '99999999999', '1.5', '1e3', '-0', '"7"', 'true', '[]', '{}', 'null', '1e309'],
  u64: ['-1', '18446744073709551616', '0.5', '2E2', '"7"', 'false', '[0]', '{"id":0}', 'null'],
  hash: [hex(64, 'z'), hex(63), hex(65), `"${'a'.repeat(64)}"`, `"0X${'a'.repeat(64)}"`, '7', 'null', `[${hex(64)}]`],
  at: [hex(64, 'g'), hex(63), hex(65), `"${'a'.repeat(64)}"`, '7', '-1', 'true', '[]', '{}'],
  account: ['"5NotAnAddress"', `"${ALICE}x"`, `"${ALICE.slice(1)}"`, `"${'5'.repeat(50)}"`, hex(64, 'd'),
    '""', '42', 'null', `["${ALICE}"]`],
  fee: ['"-5"', '"1.5"', '"1e3"', '"340282366920938463463374607431768211456"', '1000', '"0x10"', '""', 'null'],
  page: ['{"start":-1}', '{"limit":4294967296}', '{"limit":1.5}', '{"limit":"1"}', '{"bogus":1}', '[0,1]',
    '"page"', '7', '{"limit":101}', `{"start":0${' '.repeat(200)}}`],
  attributions: [attributions(1, 1_000_000_001), attributions(65, 1), '[{"contribution":0}]',
    '[{"contribution":-1,"weight":1}]', '[{"contribution":0,"weight":0.5}]', '{"contribution":0,"weight":1}',
    '"x"', '7'],
};

let node;

before(async () => {
  node = await startDevNode();
  // Wait for the first block: the runtime API answers from then on.
  const deadline = Date.now() + 60_000;
  while (await bestNumber() < 1) {
    if (Date.now() > deadline) throw new Error('no block #1 within 60 s');
    await sleep(500);
  }
});

after(async () => {
  if (node?.alive()) await node.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function bestNumber() {
  return parseInt((await rpc(node.rpcPort, 'chain_getHeader')).number, 16);
}

/** The JSON-RPC request text (params as raw JSON text, or no params member). */
function body(method, params) {
  return `{"jsonrpc":"2.0","id":1,"method":"${method}"${params === undefined ? '' : `,"params":${params}`}}`;
}

/** POSTs a raw request body; resolves to { response, ms }. Times out (fails) after 10 s. */
async function post(text, timeoutMs = 10_000) {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: text,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const reply = await res.text();
  const ms = performance.now() - started;
  let response;
  try {
    response = JSON.parse(reply);
  } catch {
    throw new Error(`HTTP ${res.status}, not JSON: ${reply.slice(0, 200)}`);
  }
  return { response, ms };
}

/** Positional params: valid values, `value` at position `at`. */
function withValue(signature, at, value) {
  return `[${signature.map(([, kind], i) => (i === at ? value : VALID[kind])).join(',')}]`;
}

/** Every abuse case: { label, group, method, params }. */
function cases() {
  const all = [];
  for (const [method, signature] of Object.entries(METHODS)) {
    const add = (group, label, params) => all.push({ group, label: `${method} ${label}`, method, params });
    signature.forEach(([name, kind], i) => {
      add('1 MiB string', `${name}=1MiB string`, withValue(signature, i, STRING_1MIB));
      for (const bad of MALFORMED[kind]) add('malformed', `${name}=${bad.slice(0, 40)}`, withValue(signature, i, bad));
    });
    const [first] = signature[0];
    add('deep array', `${first}=deep array`, withValue(signature, 0, DEEP_ARRAY));
    add('deep object', `${first}=deep object`, withValue(signature, 0, DEEP_OBJECT));
    add('huge integer', `${first}=65536 digits`, withValue(signature, 0, HUGE_INTEGER));
    add('arity', 'one param too many', `[${[...signature.map(([, k]) => VALID[k]), '0'].join(',')}]`);
    add('arity', '65536 params too many', `[${[...signature.map(([, k]) => VALID[k]), ...Array(1 << 16).fill('0')].join(',')}]`);
    add('arity', 'unknown named param', `{"bogus":1}`);
    add('arity', 'repeated named param', `{"${first}":${VALID[signature[0][1]]},"${first}":${VALID[signature[0][1]]}}`);
    add('arity', 'params a string', '"x"');
    if (signature[0][1] !== 'at') {
      add('arity', 'missing params member', undefined);
      add('arity', 'empty params', '[]');
      add('arity', 'named, required missing', '{"at":null}');
    }
  }
  all.push({ group: '300 KB account', label: 'attribution_earnings account=300 KB', method: 'attribution_earnings',
    params: `[${ACCOUNT_300KB}]` });
  return all;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

test('every attribution_ method refuses every abusive request with invalid params, fast', async (t) => {
  // Valid params are not refused as invalid (previewSplit of the unknown model 0 answers the
  // runtime's refusal, 4003), so the refusals below are the parameter checks at work.
  for (const [method, signature] of Object.entries(METHODS)) {
    const { response } = await post(body(method, withValue(signature, -1)));
    assert.ok(response.error === undefined || (method === 'attribution_previewSplit' && response.error.code === 4003),
      `${method} valid -> ${JSON.stringify(response.error)}`);
  }
  const latencies = {};
  const slowest = [];
  for (const c of cases()) {
    const { response, ms } = await post(body(c.method, c.params));
    assert.ok(response.error, `${c.label}: no error: ${JSON.stringify(response).slice(0, 200)}`);
    assert.equal(response.error.code, INVALID_PARAMS, `${c.label}: ${JSON.stringify(response.error).slice(0, 300)}`);
    assert.ok(response.error.message.length < 400, `${c.label}: message of ${response.error.message.length} bytes`);
    assert.ok(ms < LATENCY_MS, `${c.label}: answered in ${ms.toFixed(1)} ms, bound ${LATENCY_MS} ms`);
    (latencies[c.group] ??= []).push(ms);
    slowest.push([ms, c.label]);
  }
  t.diagnostic(`latency bound ${LATENCY_MS} ms (${RELEASE ? 'release' : 'debug'} node)`);
  for (const [group, values] of Object.entries(latencies)) {
    const sorted = values.sort((a, b) => a - b);
    t.diagnostic(`${group}: ${sorted.length} requests, median ${percentile(sorted, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`);
  }
  slowest.sort((a, b) => b[0] - a[0]);
  t.diagnostic(`slowest: ${slowest.slice(0, 3).map(([ms, l]) => `${l} ${ms.toFixed(1)} ms`).join('; ')}`);
  assert.ok(node.alive());
});

/**
 * Runs `workers` loops, each posting abusive requests one after another until `stop()` is
 * called, a request fails at the network level, or `maxEach` requests; resolves to counts.
 */
function load(workers, maxEach = 2_000) {
  const heavy = [
    body('attribution_earnings', `[${ACCOUNT_300KB}]`),
    body('attribution_earnings', `[${STRING_1MIB}]`),
    body('attribution_contributionByHash', `[${STRING_1MIB}]`),
    body('attribution_previewSplit', `[0,0,"1",${DEEP_ARRAY}]`),
    body('attribution_modelInferences', `[0,${DEEP_OBJECT}]`),
    body('attribution_datanet', `[${HUGE_INTEGER}]`),
  ];
  let stopping = false;
  const counts = { answered: 0, refused: 0, other: 0, networkErrors: 0, maxMs: 0 };
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; i < maxEach && !stopping; i++) {
      try {
        const { response, ms } = await post(heavy[(w + i) % heavy.length]);
        counts.answered++;
        counts.maxMs = Math.max(counts.maxMs, ms);
        if (response.error?.code === INVALID_PARAMS) counts.refused++;
        else counts.other++;
      } catch {
        counts.networkErrors++;
        return;
      }
    }
  });
  return {
    counts,
    async stop() {
      stopping = true;
      await Promise.all(loops);
      return counts;
    },
  };
}

test('the node keeps producing blocks under abuse load and after it', async (t) => {
  const start = await bestNumber();
  const traffic = load(4);
  let during;
  const deadline = Date.now() + 20_000;
  while ((during = await bestNumber()) <= start && Date.now() < deadline) await sleep(250);
  const counts = await traffic.stop();
  assert.ok(during > start, `no new block within 20 s under load (best #${start})`);
  assert.equal(counts.networkErrors, 0);
  assert.equal(counts.other, 0, 'every abusive request was refused');
  assert.ok(counts.refused > 0);
  t.diagnostic(`under load: #${start} -> #${during}; ${counts.refused} abusive requests refused, ` +
    `slowest ${counts.maxMs.toFixed(1)} ms`);

  let afterwards;
  const deadline2 = Date.now() + 20_000;
  while ((afterwards = await bestNumber()) <= during && Date.now() < deadline2) await sleep(250);
  assert.ok(afterwards > during, `no new block within 20 s after the load (best #${during})`);
  assert.equal(await rpc(node.rpcPort, 'attribution_maxPageSize'), 100);
});

test(`the node exits within ${SIGTERM_EXIT_MS / 1000} s of SIGTERM while under abuse load`, async (t) => {
  const traffic = load(8);
  await sleep(1_500); // requests in flight
  assert.ok(traffic.counts.answered > 0 && node.alive());
  const started = performance.now();
  const status = await node.stop(); // SIGTERM; SIGKILL only after 20 s
  const ms = performance.now() - started;
  const counts = await traffic.stop();
  t.diagnostic(`exited in ${ms.toFixed(0)} ms (${JSON.stringify(status)}) with ${counts.answered} ` +
    `abusive requests answered`);
  assert.notEqual(status.signal, 'SIGKILL', 'the node had to be killed');
  assert.ok(ms < SIGTERM_EXIT_MS, `exit took ${ms.toFixed(0)} ms`);
  assert.equal(counts.other, 0, 'every answered abusive request was refused');
});
