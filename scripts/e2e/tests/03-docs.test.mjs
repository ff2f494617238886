// docs/rpc.md's examples are true: on a dev node populated by the demo script, every
// `attribution_` method the node serves has a section with a `curl` command line and the
// output it prints, the command line is run as written (with the node's port) and its output
// equals the one shown, as data. The doc is the only copy of the expected outputs. After a
// change of the RPC's output, `UPDATE_RPC_DOC=1` writes the live outputs into docs/rpc.md
// (review the diff: it becomes what the test expects).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDevNode, rpc } from '../node.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const DOC_URL = 'http://127.0.0.1:9944';
// Block numbers and times depend on when the demo's transactions land: any integer is
// accepted there (docs/rpc.md says so). Every other value must match exactly.
const VARYING = new Set(['createdAt', 'publishedAt', 'registeredAt', 'recordedAt', 'registeredAtMs']);

const doc = readFileSync(`${root}docs/rpc.md`, 'utf8');
let node;

/** The fenced code blocks of `markdown`, in order: { lang, text }. */
function codeBlocks(markdown) {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, text]) => ({ lang, text }));
}

/** The curl command lines of a shell block (`\` continuations joined). */
function curlLines(text) {
  return text.replace(/\\\n\s*/g, ' ').split('\n').filter((l) => l.startsWith('curl '));
}

/** Each `### \`attribution_x\`` section: { method, commands, outputs, text }. */
function methodSections(markdown) {
  return [...markdown.matchAll(/^### `(attribution_\w+)`\n([\s\S]*?)(?=^##)/gm)].map(([text, method, body]) => {
    const blocks = codeBlocks(body);
    return {
      method,
      text,
      commands: blocks.filter((b) => b.lang === 'sh').flatMap((b) => curlLines(b.text)),
      outputs: blocks.filter((b) => b.lang === 'json').map((b) => b.text),
    };
  });
}

/** Runs a documented curl command line against the test node; returns its stdout. */
function runCurl(line) {
  assert.ok(line.trimEnd().endsWith(DOC_URL), `the example must target ${DOC_URL}: ${line}`);
  const command = `${line.trimEnd().slice(0, -DOC_URL.length)}http://127.0.0.1:${node.rpcPort}`;
  return execFileSync('sh', ['-c', command], { encoding: 'utf8', timeout: 20_000 });
}

/** JSON on one line with a space after each `,` and `:`. */
function oneLine(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')}}`;
}

/** JSON as docs/rpc.md shows it: two-space indents, a value on one line when it fits 96 columns. */
function pretty(value, depth = 0, lead = 0) {
  const one = oneLine(value);
  if (lead + one.length <= 96 || value === null || typeof value !== 'object'
    || Object.keys(value).length === 0) return one;
  const pad = '  '.repeat(depth + 1);
  const items = Array.isArray(value)
    ? value.map((v) => pad + pretty(v, depth + 1, pad.length + 1))
    : Object.entries(value).map(([k, v]) =>
      `${pad}${JSON.stringify(k)}: ${pretty(v, depth + 1, pad.length + JSON.stringify(k).length + 3)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${'  '.repeat(depth)}${close}`;
}

/** `expected` with each VARYING value replaced by the live one when both are integers. */
function acceptVarying(expected, actual) {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.map((e, i) => acceptVarying(e, actual[i]));
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    return Object.fromEntries(Object.entries(expected).map(([k, e]) =>
      [k, VARYING.has(k) && Number.isInteger(e) && Number.isInteger(actual[k]) && actual[k] >= 0
        ? actual[k] : acceptVarying(e, actual[k])]));
  }
  return expected;
}

before(async () => {
  node = await startDevNode();
  execFileSync(process.execPath, [`${root}scripts/demo.mjs`, node.wsUrl], {
    cwd: `${root}scripts/e2e`, stdio: 'pipe', timeout: 300_000,
  });
});

after(async () => { await node?.stop(); });

test('every attribution_ method the node serves has one section, one curl example and its output', async () => {
  const served = (await rpc(node.rpcPort, 'rpc_methods')).methods
    .filter((m) => m.startsWith('attribution_')).sort();
  assert.equal(served.length, 15, served.join(' '));
  const sections = methodSections(doc);
  assert.deepEqual(sections.map((s) => s.method).sort(), served);
  for (const { method, commands, outputs } of sections) {
    assert.equal(commands.length, 1, `${method}: one curl example`);
    assert.equal(JSON.parse(commands[0].match(/-d '([^']+)'/)[1]).method, method,
      `${method}: its example calls it`);
    assert.equal(outputs.length, 1, `${method}: the example's output as a json block`);
  }
});

test('every attribution_ example prints the output docs/rpc.md shows', async (t) => {
  let updated = doc;
  for (const { method, commands, outputs, text } of methodSections(doc)) {
    await t.test(method, () => {
      const out = runCurl(commands[0]);
      const actual = JSON.parse(out);
      if (process.env.UPDATE_RPC_DOC) {
        updated = updated.replace(text, text.replace(outputs[0], `${pretty(actual)}\n`));
        return;
      }
      const expected = JSON.parse(outputs[0]);
      assert.deepEqual(actual, acceptVarying(expected, actual),
        `${method}: live output (UPDATE_RPC_DOC=1 writes it into docs/rpc.md):\n${pretty(actual)}`);
    });
  }
  if (process.env.UPDATE_RPC_DOC && updated !== doc) writeFileSync(`${root}docs/rpc.md`, updated);
});

test('the other curl examples of docs/rpc.md answer without error', () => {
  const lines = codeBlocks(doc).filter((b) => b.lang === 'sh').flatMap((b) => curlLines(b.text))
    .filter((l) => !l.includes('"method":"attribution_'));
  assert.ok(lines.length >= 1, `found ${lines.length} examples`);
  for (const line of lines) {
    const out = runCurl(line);
    const response = JSON.parse(out);
    assert.equal(response.error, undefined, `${line} -> ${out}`);
    assert.notEqual(response.result, null, `${line} returned null`);
  }
});
