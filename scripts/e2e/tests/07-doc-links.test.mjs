// Every reference in the repository's Markdown resolves: relative links to files that exist,
// `#anchors` that match a heading of the linked file (GitHub's slug rules), `see "Section"`
// naming a heading of the same file, and repository paths in code spans. No node needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brokenReferences, headings, slug } from '../doc-links.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\0').filter(Boolean);

test('slugs follow GitHub: lowercase, punctuation dropped except - and _, spaces to -', () => {
  assert.equal(slug('Attribution history'), 'attribution-history');
  assert.equal(slug('Invariants (`try_state`)'), 'invariants-try_state');
  assert.equal(slug('The Merkle commitment, and why publishing is O(1)'),
    'the-merkle-commitment-and-why-publishing-is-o1');
  assert.equal(slug('`attribution_datanet`'), 'attribution_datanet');
  assert.deepEqual(headings('# A\n## A\n```\n# not a heading\n```\n').map((h) => h.anchor),
    ['a', 'a-1']);
});

test('the checker reports a missing file, a missing anchor and a missing section', () => {
  const files = { 'docs/a.md': '# Alpha\n## Beta gamma\n' };
  const opts = { read: (p) => files[p], exists: (p) => p in files };
  assert.deepEqual(brokenReferences('/', 'docs/b.md',
    '[ok](a.md#beta-gamma) [ok](a.md) [web](https://x.org/#y)\n`a.md#nope` in code\n', opts), []);
  assert.deepEqual(brokenReferences('/', 'docs/b.md', [
    '# Here',
    '[gone](missing.md) and [bad](a.md#beta) and [self](#there)',
    'see "Nowhere', 'at all" and see "Here" and `docs/gone.md`, SPEC §7',
  ].join('\n'), opts), [
    'docs/b.md:2: link to missing file missing.md',
    'docs/b.md:2: #beta matches no heading of docs/a.md',
    'docs/b.md:2: #there matches no heading of docs/b.md',
    'docs/b.md:3: "see Nowhere at all" names no heading of docs/b.md',
    'docs/b.md:4: "SPEC §7" names a section of a document not in the repository',
    'docs/b.md:4: `docs/gone.md` does not exist',
  ]);
});

test('every tracked Markdown file has only references that resolve', () => {
  assert.ok(tracked.includes('README.md') && tracked.includes('docs/rpc.md'), tracked.join(' '));
  const problems = tracked.flatMap((file) =>
    brokenReferences(root, file, readFileSync(`${root}${file}`, 'utf8')));
  assert.deepEqual(problems, []);
});
