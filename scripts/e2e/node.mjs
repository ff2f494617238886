// Starts and stops a real tributary-node for tests: `--dev --tmp`, free loopback ports,
// no mDNS, no telemetry, no Prometheus. The process is killed when the test process exits,
// also on failure.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const NODE_BIN = process.env.NODE_BIN;

/** A TCP port nobody listens on. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Calls a JSON-RPC method over HTTP; returns the whole response object. */
export async function rpcRaw(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
    signal: AbortSignal.timeout(10_000),
  });
  return response.json();
}

/** Calls a JSON-RPC method; returns its result or throws its error. */
export async function rpc(port, method, params = []) {
  const body = await rpcRaw(port, method, params);
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The number of the finalized head, or undefined while the node is not answering. */
export async function finalizedNumber(port) {
  try {
    const head = await rpc(port, 'chain_getFinalizedHead');
    const header = await rpc(port, 'chain_getHeader', [head]);
    return parseInt(header.number, 16);
  } catch {
    return undefined;
  }
}

/** Waits until block `target` is finalized. */
export async function waitFinalized(port, target, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const n = await finalizedNumber(port);
    if (n !== undefined && n >= target) return n;
    await sleep(1000);
  }
  throw new Error(`block #${target} not finalized within ${timeoutMs / 1000} s`);
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a dev node; resolves to { rpcPort, stop(), logs() } once RPC answers. */
export async function startDevNode(extraArgs = []) {
  if (!NODE_BIN) throw new Error('set NODE_BIN to the tributary-node binary');
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const args = [
    '--dev', '--tmp', '--no-mdns', '--no-telemetry', '--no-prometheus',
    '--rpc-port', String(rpcPort), '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--rpc-cors', 'all', '--rpc-max-connections', '1000', ...extraArgs,
  ];
  const child = spawn(NODE_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let log = '';
  const keep = (chunk) => { log = (log + chunk.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; running.delete(child); });

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`node exited early (${JSON.stringify(exited)}):\n${log}`);
    try {
      await rpc(rpcPort, 'system_health');
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`node RPC did not come up:\n${log}`);
      }
      await sleep(1000);
    }
  }

  return {
    rpcPort,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    logs: () => log,
    alive: () => exited === null,
    /** Stops the node with SIGTERM (SIGKILL after 20 s); resolves to the exit status. */
    async stop() {
      if (exited) return exited;
      const done = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const status = await done;
      clearTimeout(timer);
      return status;
    },
  };
}
