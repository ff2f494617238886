// Smoke test of the node: it produces and finalizes blocks and serves the standard RPC.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDevNode, rpc, waitFinalized } from '../node.mjs';

const node = await startDevNode();
after(async () => {
  const status = await node.stop();
  assert.ok(status.signal === 'SIGTERM' || status.code === 0 || status.code === null,
    `node did not stop cleanly: ${JSON.stringify(status)}`);
});

test('finalizes block #3', async () => {
  const n = await waitFinalized(node.rpcPort, 3);
  assert.ok(n >= 3);
});

test('serves system_chain and system_properties for TRIB', async () => {
  assert.equal(await rpc(node.rpcPort, 'system_chain'), 'Tributary Development');
  const props = await rpc(node.rpcPort, 'system_properties');
  assert.deepEqual(props, { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'TRIB' });
});

test('lists the standard and payment RPC methods', async () => {
  const { methods } = await rpc(node.rpcPort, 'rpc_methods');
  for (const m of ['system_health', 'chain_getFinalizedHead', 'state_call', 'author_submitExtrinsic',
    'author_rotateKeys', 'payment_queryInfo', 'system_accountNextIndex']) {
    assert.ok(methods.includes(m), `missing ${m}`);
  }
});

test('system_health reports a syncing-free dev node', async () => {
  const health = await rpc(node.rpcPort, 'system_health');
  assert.equal(health.isSyncing, false);
  assert.equal(health.shouldHavePeers, false);
});
