/**
 * Type-checks TypeScript files with the compiler API, as user code: with the
 * options of test/tsconfig.json, and `cdk-live-media` resolving to src/ the
 * way it resolves to the package for a user.
 */
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

/** A problem the compiler found, located in its file. */
export interface TypeError {
  readonly fileName: string;
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'test', 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  })!;
  return {
    ...parsed.options,
    noEmit: true,
    // Examples may declare what they only illustrate.
    noUnusedLocals: false,
    noUnusedParameters: false,
    types: ['node'],
    paths: { 'cdk-live-media': [path.join(ROOT, 'src', 'index.ts')] },
  };
}

/**
 * The type errors in `files`: paths of files on disk, or (with `texts`)
 * names of files that exist only in memory. In-memory files should be named
 * inside the repository, so that their imports resolve from node_modules.
 * Only errors located in `files` (and global ones) are reported.
 */
export function typeCheck(files: readonly string[], texts: ReadonlyMap<string, string> = new Map()): TypeError[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => texts.has(f) || fileExists.call(host, f);
  host.readFile = (f) => texts.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, languageVersion, ...rest) => {
    const text = texts.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, languageVersion, true) : getSourceFile.call(host, f, languageVersion, ...rest);
  };

  const program = ts.createProgram({ rootNames: [...files], options, host });
  const checked = new Set(files.map((f) => path.resolve(f)));
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => !d.file || checked.has(path.resolve(d.file.fileName)))
    .map((d) => ({
      fileName: d.file?.fileName ?? '(global)',
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    }));
}
