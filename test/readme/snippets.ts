/**
 * The TypeScript samples of the markdown the package ships (README.md), as
 * the README tests read them: each ```ts / ```typescript block with the line
 * it starts on.
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');

/** The markdown files whose samples users read: the README, and any docs/ the package ships. */
export const MARKDOWN_FILES = ['README.md', ...listMarkdown('docs')];

export interface Snippet {
  /** The line of the snippet's first line of code (1-based). */
  readonly line: number;
  readonly code: string;
}

/** The ```ts / ```typescript blocks of a Markdown text. */
export function tsSnippets(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*(ts|typescript)\b/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence] = open;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    if (end === lines.length) throw new Error(`line ${i + 1}: the code block never closes`);
    const code = lines.slice(start, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
    snippets.push({ line: start + 1, code });
    i = end;
  }
  return snippets;
}

/** Every sample of MARKDOWN_FILES, named `<file>:<line>`. */
export function allSnippets(): Array<{ source: string; snippet: Snippet }> {
  return MARKDOWN_FILES.flatMap((file) =>
    tsSnippets(fs.readFileSync(path.join(ROOT, file), 'utf8')).map((snippet) => ({ source: `${file}:${snippet.line}`, snippet })));
}

function listMarkdown(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(dir, f));
}
