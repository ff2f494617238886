// Every `curl` example in docs/rpc.md works against a dev node populated by the demo script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDevNode } from '../node.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let node;

before(async () => {
  node = await startDevNode();
  execFileSync(process.execPath, [`${root}scripts/demo.mjs`, node.wsUrl], {
    cwd: `${root}scripts/e2e`, stdio: 'pipe', timeout: 300_000,
  });
});

after(async () => { await node?.stop(); });

test('every curl example in docs/rpc.md answers without error', () => {
  const lines = readFileSync(`${root}docs/rpc.md`, 'utf8').split('\n').filter((l) => l.startsWith('curl -s'));
  assert.ok(lines.length >= 15, `found ${lines.length} examples`);
  for (const line of lines) {
    const body = line.match(/-d '([^']+)'/)[1];
    const out = execFileSync('curl', ['-s', '-H', 'Content-Type: application/json', '-d', body,
      `http://127.0.0.1:${node.rpcPort}`], { encoding: 'utf8', timeout: 20_000 });
    const response = JSON.parse(out);
    assert.equal(response.error, undefined, `${body} -> ${out}`);
    assert.notEqual(response.result, null, `${body} returned null`);
  }
});
