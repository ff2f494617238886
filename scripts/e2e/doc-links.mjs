// Finds references in Markdown that do not resolve: relative links to missing files, `#anchors`
// that match no heading (GitHub's slugs), `see "Section"` naming no heading of the same file,
// and repository paths in code spans that name no file. No node needed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** GitHub's heading slug: lowercase, punctuation except `-` and `_` dropped, spaces to `-`. */
export function slug(heading) {
  return headingText(heading).toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** A heading's rendered text: links reduced to their text, code and emphasis marks dropped. */
function headingText(heading) {
  return heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '').trim();
}

/** The text outside fenced code blocks, with inline code spans blanked (same line breaks). */
function prose(markdown) {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) { fenced = !fenced; return ''; }
    return fenced ? '' : line;
  });
}

/** The headings of a Markdown text and their anchors (duplicates numbered as GitHub does). */
export function headings(markdown) {
  const seen = new Map();
  const out = [];
  for (const line of prose(markdown)) {
    const m = line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ text: headingText(m[1]), anchor: n === 0 ? base : `${base}-${n}` });
  }
  return out;
}

/**
 * The broken references of `file` (a path relative to `root`) whose text is `markdown`:
 * a list of messages, empty when every reference resolves. `read(path)` gives another file's
 * text (for anchors into it), `exists(path)` whether a repository path exists.
 */
export function brokenReferences(root, file, markdown, {
  read = (p) => readFileSync(join(root, p), 'utf8'),
  exists = (p) => existsSync(join(root, p)),
} = {}) {
  const problems = [];
  const lines = prose(markdown);
  const own = headings(markdown);
  const where = (i) => `${file}:${i + 1}`;
  lines.forEach((line, i) => {
    const text = line.replace(/`[^`]*`/g, (s) => ' '.repeat(s.length));
    for (const [, target] of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      const [path, anchor] = target.split('#');
      const linked = path === '' ? file : normalize(join(dirname(file), path));
      if (path !== '' && (linked.startsWith('..') || !exists(linked))) {
        problems.push(`${where(i)}: link to missing file ${target}`);
        continue;
      }
      if (anchor === undefined) continue;
      if (!linked.endsWith('.md')) {
        problems.push(`${where(i)}: anchor into a non-Markdown file ${target}`);
        continue;
      }
      const targets = linked === file ? own : headings(read(linked));
      if (!targets.some((h) => h.anchor === decodeURIComponent(anchor))) {
        problems.push(`${where(i)}: #${anchor} matches no heading of ${linked}`);
      }
    }
  });
  // `see "Section"` (the quotes may span a line break) must name a heading of this file.
  const joined = lines.join('\n');
  for (const m of joined.matchAll(/\b[Ss]ee\s+(?:the\s+)?"([^"]+)"/g)) {
    const name = m[1].replace(/\s+/g, ' ').trim().toLowerCase();
    if (!own.some((h) => h.text.toLowerCase() === name)) {
      const line = joined.slice(0, m.index).split('\n').length - 1;
      problems.push(`${where(line)}: "see ${m[1].replace(/\s+/g, ' ')}" names no heading of ${file}`);
    }
  }
  // `SPEC §7`: a section of a document this repository does not hold.
  lines.forEach((line, i) => {
    for (const [ref] of line.matchAll(/\b[A-Z][\w.-]*\s*§\s*\d[\d.]*/g)) {
      problems.push(`${where(i)}: "${ref}" names a section of a document not in the repository`);
    }
  });
  // A repository file named in a code span (`scripts/test.sh`, `runtime/src/lib.rs`): it must
  // exist, relative to the repository root or to this file. A directory written with a
  // trailing `/` may be one that tools create, so it is not checked.
  const topLevel = new Set(['docs', 'scripts', 'pallets', 'runtime', 'node', '.ci']);
  lines.forEach((line, i) => {
    for (const [, span] of line.matchAll(/`([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+)`/g)) {
      if (!topLevel.has(span.split('/')[0])) continue;
      const local = relative('.', normalize(join(dirname(file), span)));
      if (!exists(span) && !exists(local)) problems.push(`${where(i)}: \`${span}\` does not exist`);
    }
  });
  return problems;
}
