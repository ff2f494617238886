#!/usr/bin/env node
// Fault test (b), the refusals on the live chain:
//   1. keys from plain author_rotateKeys (no owner, so no proof) set with proof 0x are refused
//      with session.InvalidProof;
//   2. sudo(validatorSet.addValidator(A)) for an account A without session keys is refused
//      with validatorSet.NoSessionKeys (read from sudo.Sudid { sudoResult }).
// Both signed by accounts that hold no keys (default //Ferdie) and submitted together.
// Exit 0 when both are refused with exactly those errors, 1 otherwise.
//
//   refusals.mjs --rpc WS --node-rpc WS_OF_A_VALIDATOR_NODE [--suri //Ferdie] [--sudo-suri //Alice]
import { connect, fail, parseArgs, signerFrom, submitInBlock } from '../validator/cli.mjs';

const { flags } = parseArgs(process.argv.slice(2), { rpc: 200, 'node-rpc': 200, suri: 100, 'sudo-suri': 100 }, 0);
if (!flags.rpc || !flags['node-rpc']) fail('--rpc and --node-rpc are required');
const keyless = await signerFrom(flags.suri ?? '//Ferdie');
const sudo = await signerFrom(flags['sudo-suri'] ?? '//Alice');
const api = await connect(flags.rpc);
const node = await connect(flags['node-rpc']);
try {
  if ((await api.query.session.nextKeys(keyless.address)).isSome) fail(`${keyless.address} already has session keys`);
  const plainKeys = (await node.rpc.author.rotateKeys()).toHex();
  const [setKeys, add] = await Promise.all([
    submitInBlock(api, api.tx.session.setKeys(plainKeys, '0x'), keyless),
    submitInBlock(api, api.tx.sudo.sudo(api.tx.validatorSet.addValidator(keyless.address)), sudo),
  ]);
  const checks = [
    ['setKeys(author_rotateKeys keys, 0x)', setKeys, 'session.InvalidProof'],
    [`sudo(addValidator(${keyless.address.slice(0, 8)}…)) without keys`, add, 'validatorSet.NoSessionKeys'],
  ];
  let failed = false;
  for (const [what, result, expected] of checks) {
    const ok = result.error === expected;
    failed ||= !ok;
    console.log(`${ok ? 'refused as expected' : 'WRONG'}: ${what} -> ${result.error ?? 'accepted'} `
      + `(expected ${expected}) in block #${result.blockNumber}`);
  }
  if ((await api.query.session.nextKeys(keyless.address)).isSome) { failed = true; console.log('WRONG: the keys were stored'); }
  if ((await api.query.validatorSet.validators()).map(String).includes(keyless.address)) {
    failed = true; console.log('WRONG: the keyless account joined the governed set');
  }
  if (failed) process.exitCode = 1;
} finally {
  await api.disconnect();
  await node.disconnect();
}
