// README.md's "A five-minute tour", step by step, with polkadot.js and no custom types, as a
// user would click it in polkadot.js Apps. The README is read first: each step's calls (in
// order, with their arguments), its signers and the amounts it states must be the ones this
// test makes and asserts, so the README and the test cannot drift apart. Every result and
// balance is asserted to the planck, and the money is conserved: what Dave pays is exactly
// what the treasury, Bob, Eve and Ferdie end up with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { startDevNode, rpc, waitFinalized } from '../node.mjs';
import { connect, submit, free, findEvent, permissiveLicense, TRIB } from '../chain.mjs';

const PERCENT = 10_000_000; // Perbill parts per percent
const NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
const root = fileURLToPath(new URL('../../../', import.meta.url));

// --- The tour as README.md states it ------------------------------------------------------

/** The numbered steps of the README's tour, each as one line of text. */
function tourSteps(markdown) {
  const section = markdown.split(/^## A five-minute tour\n/m)[1]?.split(/^## /m)[0];
  assert.ok(section, 'README.md has a section "A five-minute tour"');
  const steps = [];
  for (const line of section.split('\n')) {
    const start = line.match(/^(\d+)\. (.*)$/);
    if (start) {
      assert.equal(Number(start[1]), steps.length + 1, 'steps are numbered 1, 2, 3, ...');
      steps.push(start[2]);
    } else if (steps.length && /^\s+\S/.test(line)) {
      steps[steps.length - 1] += ` ${line.trim()}`;
    } else if (line.trim()) {
      if (steps.length) break; // the text after the list
    }
  }
  return steps;
}

/** Splits `text` at top-level commas (outside brackets, braces and quotes). */
function splitTop(text) {
  const parts = [];
  let depth = 0, quoted = false, current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && '[{'.includes(ch)) depth++;
    if (!quoted && ']}'.includes(ch)) depth--;
    if (!quoted && depth === 0 && ch === ',') { parts.push(current.trim()); current = ''; continue; }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/**
 * A README argument as a value: `4096`, `100 TRIB` (plancks), `40%` (Perbill parts),
 * `"text"`, `None` (null), `true`, an account name (its address), `Open` (an enum variant),
 * `[..]`, `{key: value, ..}`, and `0x<what>` (looked up in `placeholders`).
 */
function parseValue(text, ctx) {
  let m;
  if ((m = text.match(/^(\d+) TRIB$/))) return BigInt(m[1]) * TRIB;
  if ((m = text.match(/^(\d+)%$/))) return Number(m[1]) * PERCENT;
  if (/^\d+$/.test(text)) return Number(text);
  if ((m = text.match(/^"(.*)"$/))) return m[1];
  if (text === 'None') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if ((m = text.match(/^0x<(.+)>$/))) {
    assert.ok(m[1] in ctx.placeholders, `README placeholder 0x<${m[1]}> is one the test knows`);
    return ctx.placeholders[m[1]];
  }
  if (NAMES.includes(text)) return ctx.accounts[text.toLowerCase()].address;
  if (/^[A-Z]\w*$/.test(text)) return text;
  if ((m = text.match(/^\[(.*)\]$/))) return splitTop(m[1]).map((v) => parseValue(v, ctx));
  if ((m = text.match(/^\{(.*)\}$/))) {
    return Object.fromEntries(splitTop(m[1]).map((kv) => {
      const [, key, value] = kv.match(/^(\w+):\s*(.*)$/);
      return [key, parseValue(value, ctx)];
    }));
  }
  assert.fail(`cannot read README argument ${text}`);
}

/** The calls of a step, in order: [`pallet.call`, [args]] from its code spans. */
function stepCalls(step, ctx) {
  return [...step.matchAll(/`(\w+)\.(\w+)\(([^`]*)\)`/g)]
    .map(([, pallet, call, args]) => [`${pallet}.${call}`, splitTop(args).map((a) => parseValue(a, ctx))]);
}

/** The accounts a step's calls are signed by: "as Alice", "As Bob, Eve and Ferdie". */
function stepSigners(step) {
  const m = step.match(new RegExp(`\\b[Aa]s ((?:${NAMES.join('|')})(?:(?:, | and )(?:${NAMES.join('|')}))*)\\b`));
  return m ? m[1].split(/, | and /) : [];
}

/** "<label> <n> TRIB" in a step, as plancks. */
function amount(step, label) {
  const m = step.match(new RegExp(`${label.replace(/[()']/g, '\\$&')} (\\d+) TRIB`));
  assert.ok(m, `README step states "${label} <n> TRIB": ${step}`);
  return BigInt(m[1]) * TRIB;
}

// --- The chain ----------------------------------------------------------------------------

const steps = tourSteps(readFileSync(`${root}README.md`, 'utf8'));
let node, api, a, ctx;
const hashes = {
  'legal text hash': `0x${'11'.repeat(32)}`,
  'content hash': `0x${createHash('sha256').update('readme tour: my-notes.jsonl').digest('hex')}`,
  'artifact hash': `0x${'22'.repeat(32)}`,
  'io hash': `0x${'33'.repeat(32)}`,
};
const contentHash = hashes['content hash'];
let treasury, revenueAccount; // the treasury and the revenue pallet's account
let start; // balances and issuance before step 3
let fees = 0n; // every transaction fee the tour paid (burned by this runtime)
let split; // the FeeSplit breakdown of step 8

before(async () => {
  node = await startDevNode();
  ({ api, accounts: a } = await connect(node.wsUrl));
  ctx = { accounts: a, placeholders: hashes };
  treasury = api.consts.revenue.treasuryAccount.toString();
  // A PalletId's account: `modl`, the id, zeros to 32 bytes.
  revenueAccount = u8aConcat(stringToU8a('modl'), api.consts.revenue.palletId.toU8a(), new Uint8Array(20));
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

/**
 * The README's step `n` must make exactly `calls` ([`pallet.call`, [args]], in order), signed
 * by `signers`; returns the step's text.
 */
function readme(n, signers, calls) {
  const step = steps[n - 1];
  assert.ok(step, `README tour has a step ${n}`);
  assert.deepEqual(stepSigners(step), signers, `README step ${n} signers: ${step}`);
  assert.deepEqual(stepCalls(step, ctx), calls, `README step ${n} calls: ${step}`);
  return step;
}

/** Submits and asserts the extrinsic succeeded; returns the submit result. */
async function ok(tx, signer) {
  const r = await submit(api, tx, signer);
  assert.equal(r.error, null, `${tx.method.section}.${tx.method.method} failed: ${r.error}`);
  fees += r.fee;
  return r;
}

function event(r, section, method) {
  const e = findEvent(r.events, section, method);
  assert.ok(e, `no ${section}.${method} event`);
  return e.data;
}

const issuance = async () => (await api.query.balances.totalIssuance()).toBigInt();

test('the README tour has nine steps', () => {
  assert.equal(steps.length, 9, steps.join('\n'));
});

test('step 1: the dev node imports and finalizes #1', async () => {
  assert.match(steps[0], /`scripts\/run-dev\.sh`.*`Imported #1`.*`finalized #1`/);
  assert.ok(await waitFinalized(node.rpcPort, 1, 120_000) >= 1);
});

test('step 2: polkadot.js needs no custom types: every tour call is in the metadata', () => {
  assert.match(steps[1], /ws:\/\/127\.0\.0\.1:9944.*no custom types/);
  for (const step of steps) {
    for (const [name] of stepCalls(step, ctx)) {
      const [section, method] = name.split('.');
      assert.ok(api.tx[section]?.[method] ?? api.query[section]?.[method], name);
    }
  }
});

test('step 3: Alice creates datanet 0', async () => {
  const license = permissiveLicense(hashes['legal text hash']);
  const args = ['my-notes', 'ipfs://datasheet', 'Open', license, 'ipfs://license'];
  readme(3, ['Alice'], [['datanets.createDatanet', args]]);
  start = {
    issuance: await issuance(),
    treasury: await free(api, treasury),
    revenue: await free(api, revenueAccount),
  };
  const r = await ok(api.tx.datanets.createDatanet(...args), a.alice);
  const created = event(r, 'datanets', 'DatanetCreated');
  assert.equal(created.datanet.toNumber(), 0);
  assert.equal(created.curator.toString(), a.alice.address);
});

test('step 4: Bob contributes 4096 bytes: accepted at once, weight 4, his deposit held', async () => {
  const args = [0, contentHash, 4096, 'ipfs://bafy-my-notes', ''];
  const step = readme(4, ['Bob'], [['datanets.contribute', args]]);
  assert.match(step, /contribution 0, weight 4 \(one per KiB\)/);
  const heldBefore = (await api.query.system.account(a.bob.address)).data.reserved.toBigInt();
  const r = await ok(api.tx.datanets.contribute(...args), a.bob);
  const submitted = event(r, 'datanets', 'ContributionSubmitted');
  assert.equal(submitted.owner.toString(), a.bob.address);
  assert.equal(submitted.contentHash.toHex(), contentHash);
  assert.equal(submitted.contribution.toNumber(), 0);
  const accepted = event(r, 'datanets', 'ContributionAccepted');
  assert.equal(accepted.contribution.toNumber(), 0);
  assert.equal(accepted.weight.toNumber(), 4);
  // Bob, and only Bob, holds the deposit for it.
  const heldAfter = (await api.query.system.account(a.bob.address)).data.reserved.toBigInt();
  assert.ok(accepted.deposit.toBigInt() > 0n);
  assert.equal(heldAfter - heldBefore, accepted.deposit.toBigInt());
});

test('step 5: chain state shows Bob registered the hash, and so does the RPC', async () => {
  readme(5, [], [['datanets.contributionByHash', [contentHash]], ['datanets.contributions', [0]]]);
  const id = await api.query.datanets.contributionByHash(contentHash);
  assert.ok(id.isSome, 'the hash is registered');
  assert.equal(id.unwrap().toNumber(), 0);
  const record = (await api.query.datanets.contributions(0)).unwrap();
  assert.equal(record.owner.toString(), a.bob.address);
  assert.equal(record.contentHash.toHex(), contentHash);
  const proof = await rpc(node.rpcPort, 'attribution_contributionByHash', [contentHash]);
  assert.equal(proof.owner, a.bob.address);
  assert.equal(proof.id, 0);
  assert.equal(proof.status, 'Accepted');
  assert.ok(proof.registeredAt >= 1 && proof.registeredAtMs > 1_700_000_000_000);
});

test('step 6: Alice publishes version 1 of datanet 0, holding Bob\'s contribution', async () => {
  readme(6, ['Alice'], [['datanets.publishVersion', [0]]]);
  const r = await ok(api.tx.datanets.publishVersion(0), a.alice);
  const published = event(r, 'datanets', 'VersionPublished');
  assert.equal(published.datanet.toNumber(), 0);
  assert.equal(published.version.toNumber(), 1);
  assert.equal(published.contributionCount.toNumber(), 1);
});

test('step 7: Eve registers model 0 trained on it and adds Ferdie as its operator', async () => {
  const register = ['my-model', 'ipfs://card', hashes['artifact hash'], null, [[0, 1]],
    { fineTune: true, retrieval: false, commercial: true }, TRIB,
    { developer: 40 * PERCENT, operators: 15 * PERCENT, data: 40 * PERCENT, inferenceData: 50 * PERCENT }];
  const operator = [0, a.ferdie.address];
  readme(7, ['Eve'], [['models.registerModel', register], ['models.addOperator', operator]]);
  const registration = await ok(api.tx.models.registerModel(...register), a.eve);
  const registered = event(registration, 'models', 'ModelRegistered');
  assert.equal(registered.model.toNumber(), 0);
  assert.equal(registered.owner.toString(), a.eve.address);
  const naming = await ok(api.tx.models.addOperator(...operator), a.eve);
  const added = event(naming, 'models', 'OperatorAdded');
  assert.equal(added.model.toNumber(), 0);
  assert.equal(added.operator.toString(), a.ferdie.address);
});

test('step 8: Dave pays 100 TRIB for an inference; it splits as the README says', async () => {
  const fee = 100n * TRIB;
  const args = [0, 1, a.ferdie.address, fee, hashes['io hash'], [[0, 100 * PERCENT]]];
  const step = readme(8, ['Dave'], [['attribution.payInference', args]]);
  const { data: daveBefore } = await api.query.system.account(a.dave.address);
  const r = await ok(api.tx.attribution.payInference(...args), a.dave);
  const recorded = event(r, 'attribution', 'InferenceRecorded');
  assert.equal(recorded.payer.toString(), a.dave.address);
  assert.equal(recorded.fee.toBigInt(), fee);
  ({ breakdown: split } = event(r, 'revenue', 'FeeSplit'));
  assert.equal(split.treasury.toBigInt(), amount(step, 'treasury'));
  assert.equal(split.developer.toBigInt(), amount(step, 'developer (Eve)'));
  assert.equal(split.operator.toBigInt(), amount(step, 'operator (Ferdie)'));
  assert.deepEqual(split.contributions.map(([c, x]) => [c.toNumber(), x.toBigInt()]),
    [[0, amount(step, "contribution 0 (Bob's)")]]);
  assert.deepEqual(split.pools.map(([d, v, x]) => [d.toNumber(), v.toNumber(), x.toBigInt()]),
    [[0, 1, amount(step, 'the pool of datanet 0 version 1')]]);
  // Not a planck created or lost: the shares add up to the fee.
  const shares = split.treasury.toBigInt() + split.developer.toBigInt() + split.operator.toBigInt()
    + split.contributions.reduce((s, [, x]) => s + x.toBigInt(), 0n)
    + split.pools.reduce((s, [, , x]) => s + x.toBigInt(), 0n);
  assert.equal(shares, fee);
  // The revenue account holds every share but the treasury's (swept to the treasury at the
  // end of the payment's block) until it is claimed.
  const paidAt = await api.at(r.blockHash);
  assert.equal((await paidAt.query.system.account(revenueAccount)).data.free.toBigInt(),
    start.revenue + fee - split.treasury.toBigInt());
  assert.equal((await paidAt.query.system.account(treasury)).data.free.toBigInt(),
    start.treasury + split.treasury.toBigInt());
  // Through the record's dispute period Dave holds its deposit (read at the payment's block:
  // the chain returns it when it archives the record, a dispute period later).
  const { data: daveAfter } = await (await api.at(r.blockHash)).query.system.account(a.dave.address);
  const daveHeld = daveAfter.reserved.toBigInt() - daveBefore.reserved.toBigInt();
  assert.equal(daveHeld, api.consts.attribution.recordDeposit.toBigInt());
  assert.equal(daveAfter.free.toBigInt(), daveBefore.free.toBigInt() - fee - r.fee - daveHeld);
});

test('step 9: Bob, Eve and Ferdie claim exactly their shares; all 100 TRIB accounted for', async () => {
  const step = readme(9, ['Bob', 'Eve', 'Ferdie'], [['revenue.claim', []]]);
  const earners = [[a.bob, amount(step, 'Bob receives')], [a.eve, amount(step, 'Eve')],
    [a.ferdie, amount(step, 'Ferdie')]];
  // Bob's is his direct share and the whole pool of the version (his is its only contribution).
  assert.equal(earners[0][1], split.contributions[0][1].toBigInt() + split.pools[0][2].toBigInt());
  assert.equal(earners[1][1], split.developer.toBigInt());
  assert.equal(earners[2][1], split.operator.toBigInt());
  const balances = [];
  for (const [who, expected] of earners) {
    const before = await rpc(node.rpcPort, 'attribution_earnings', [who.address]);
    assert.equal(before.claimable, expected.toString(), `claimable of ${who.address}`);
    balances.push(await free(api, who.address));
  }
  const claims = await Promise.all(earners.map(([who]) => ok(api.tx.revenue.claim(), who)));
  for (const [i, [who, expected]] of earners.entries()) {
    const claimed = event(claims[i], 'revenue', 'Claimed');
    assert.equal(claimed.who.toString(), who.address);
    assert.equal(claimed.amount.toBigInt(), expected);
    assert.equal(await free(api, who.address), balances[i] + expected - claims[i].fee);
    const afterwards = await rpc(node.rpcPort, 'attribution_earnings', [who.address]);
    assert.equal(afterwards.claimable, '0');
    assert.equal(afterwards.claimed, expected.toString());
  }
  // The treasury's share reached the treasury, the revenue account keeps nothing of the fee,
  // and the only money that left circulation is the transaction fees (this runtime burns
  // them): Dave's 100 TRIB went to the treasury, Bob, Eve and Ferdie, to the planck.
  const treasuryShare = amount(step, "the treasury's");
  assert.equal(treasuryShare, split.treasury.toBigInt());
  assert.equal(earners.reduce((s, [, x]) => s + x, 0n) + treasuryShare, amount(step, "all of Dave's"));
  assert.equal(await free(api, treasury) - start.treasury, treasuryShare);
  assert.equal(await free(api, revenueAccount), start.revenue);
  assert.equal(await issuance(), start.issuance - fees);
});
