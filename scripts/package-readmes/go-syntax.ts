/**
 * A syntax check of the Go package README's samples: each ```go block is
 * wrapped into a Go file (`package main`, its imports hoisted to the top
 * level, its statements in `func main()`, its own top-level `func`/`type`
 * declarations left at the top level) and parsed by `gofmt -e`. Parsing is
 * all that can be checked here: compiling needs the aws-cdk-go and jsii
 * runtime modules, and the build machines cannot reach the Go module proxy.
 */
import { spawnSync } from 'child_process';

/** A ```go block of a markdown text: its code and the README line of its first code line. */
export interface GoSample {
  readonly line: number;
  readonly code: string;
}

export function goSamples(markdown: string): GoSample[] {
  const samples: GoSample[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*go\b/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === open[2]);
    if (end < 0) throw new Error(`line ${i + 1}: a \`\`\`go block that does not end`);
    samples.push({ line: i + 2, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return samples;
}

/** A parseable Go file made of a sample, and for each of its lines the sample's line (1-based, 0 for added lines). */
export interface WrappedSample {
  readonly source: string;
  readonly sampleLines: number[];
}

export function wrapGoSample(code: string): WrappedSample {
  const lines = code.split('\n');
  const top: Array<[string, number]> = []; // imports and declarations, at the top level
  const body: Array<[string, number]> = []; // statements, in func main()
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // A block at column 0 that Go allows only at the top level: `import (`, `func name(`/`func (recv)`, `type X struct {`.
    const block = /^(import \($|func [\w(]|type \w)/.test(l) && !/^func\s*\(\)/.test(l);
    if (/^import\s+("|\w+\s+")/.test(l)) {
      top.push([l, i + 1]);
    } else if (block && /[({]$/.test(l)) {
      const close = l.startsWith('import') ? ')' : '}';
      let j = i;
      while (j < lines.length && !(j > i && lines[j].startsWith(close))) j++;
      for (let k = i; k <= Math.min(j, lines.length - 1); k++) top.push([lines[k], k + 1]);
      i = j;
    } else if (block) {
      top.push([l, i + 1]);
    } else {
      body.push([l, i + 1]);
    }
  }
  const out: Array<[string, number]> = [['package main', 0], ['', 0], ...top, ['', 0], ['func main() {', 0], ...body, ['}', 0]];
  return { source: out.map(([l]) => l).join('\n') + '\n', sampleLines: out.map(([, n]) => n) };
}

/** The syntax errors `gofmt -e` finds in a sample, each with its README line (`line N: message`). */
export function goSyntaxErrors(sample: GoSample, gofmt = 'gofmt'): string[] {
  const wrapped = wrapGoSample(sample.code);
  const run = spawnSync(gofmt, ['-e'], { input: wrapped.source, encoding: 'utf8' });
  if (run.error) throw new Error(`${gofmt}: ${run.error.message} (install Go: apt-get install golang-go)`);
  if (run.status === 0) return [];
  const errors = run.stderr.split('\n').filter((l) => l.trim() !== '').map((l) => {
    const m = /^<standard input>:(\d+):(\d+): (.*)$/.exec(l);
    if (!m) return l;
    const inSample = wrapped.sampleLines[Number(m[1]) - 1];
    return inSample ? `line ${sample.line + inSample - 1}: ${m[3]}` : `line ${sample.line} (sample's wrapper line ${m[1]}): ${m[3]}`;
  });
  return errors.length > 0 ? errors : [`gofmt exited with ${run.status}`];
}
