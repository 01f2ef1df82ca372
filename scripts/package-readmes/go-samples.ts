/**
 * Post-processing of jsii-rosetta's Go translation of a README sample.
 * Rosetta's Go translator does not know which Go package a type comes from:
 * it imports `github.com/aws/aws-cdk-go/awscdk` (no `/v2`, no submodule) once
 * per TypeScript import, qualifies every aws-cdk-lib name with `awscdk.`,
 * leaves struct literals unqualified (`&CfnStreamProps{`), and dereferences
 * values jsii's Go API takes as they are (`*cdklivemedia.ImageFormat_JPEG`).
 * The TypeScript sample's own imports say where each name comes from; the
 * assemblies (cdk-live-media's and aws-cdk-lib's) say which names are types.
 */

/** A Go package a sample uses: the alias its code writes and its import path. */
export interface GoPackage {
  readonly alias: string;
  readonly importPath: string;
}

/** What the fixer knows about the types of the assemblies. */
export interface GoTypeIndex {
  /** cdk-live-media's type names (KvsImageGenerationProps, PipelineSource, ...). */
  readonly libraryTypes: ReadonlySet<string>;
  /** The qualified Go names of the structs (jsii data types) of both assemblies (`cdklivemedia.PipelineSource`). */
  readonly structs: ReadonlySet<string>;
  /** aws-cdk-lib's types per TypeScript module ('aws-cdk-lib/aws-sqs'), by simple name: the Go name (`CfnEncoderConfiguration_VideoProperty`). */
  readonly cdkTypes: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const LIBRARY_GO_PACKAGE: GoPackage = { alias: 'cdklivemedia', importPath: 'github.com/cdk-live-media/cdk-live-media-go/cdklivemedia' };
const JSII_RUNTIME: GoPackage = { alias: 'jsii', importPath: 'github.com/aws/jsii-runtime-go' };

/** The Go package of a TypeScript module the samples import. */
export function goPackageOf(module: string, alias?: string): GoPackage | undefined {
  if (module === 'cdk-live-media') return { ...LIBRARY_GO_PACKAGE, alias: alias ?? LIBRARY_GO_PACKAGE.alias };
  if (module === 'constructs') return { alias: alias ?? 'constructs', importPath: 'github.com/aws/constructs-go/constructs/v10' };
  if (module === 'aws-cdk-lib') return { alias: alias ?? 'awscdk', importPath: 'github.com/aws/aws-cdk-go/awscdk/v2' };
  const sub = /^aws-cdk-lib\/([a-z0-9-]+)$/.exec(module);
  if (!sub) return undefined;
  const name = sub[1].replace(/-/g, '');
  return { alias: alias ?? name, importPath: `github.com/aws/aws-cdk-go/awscdk/v2/${name}` };
}

interface TsImports {
  /** Named imports: the name the sample writes -> its module. */
  readonly named: Map<string, string>;
  /** Namespace imports: alias -> module. */
  readonly namespaces: Map<string, string>;
}

export function tsImports(ts: string): TsImports {
  const named = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const m of ts.matchAll(/import\s+\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    for (const part of m[1].split(',').map((p) => p.trim()).filter(Boolean)) {
      const [name, as] = part.split(/\s+as\s+/);
      named.set((as ?? name).trim(), m[2]);
    }
  }
  for (const m of ts.matchAll(/import\s+\*\s+as\s+(\w+)\s+from\s+'([^']+)'/g)) namespaces.set(m[1], m[2]);
  return { named, namespaces };
}

/** Rewrites rosetta's Go translation of `ts` so that names come from the Go packages they live in. */
export function fixGoSample(ts: string, go: string, index: GoTypeIndex): string {
  const { named, namespaces } = tsImports(ts);
  const packages = new Map<string, GoPackage>(); // module (or namespace alias) -> package
  for (const module of new Set(named.values())) {
    const pkg = goPackageOf(module);
    if (pkg) packages.set(module, pkg);
  }
  for (const [alias, module] of namespaces) {
    const pkg = goPackageOf(module, alias);
    if (pkg) packages.set(`ns:${alias}`, pkg);
  }
  const aliases = new Set([...packages.values()].map((p) => p.alias));

  /** The qualified Go name of a type or function the code names unqualified (or under awscdk.). */
  const qualify = (ident: string): string | undefined => {
    const bases = ident.startsWith('New') ? [ident.slice(3).split('_')[0], ident.split('_')[0]] : [ident.split('_')[0]];
    for (const base of bases) {
      const module = named.get(base);
      if (module && packages.has(module)) return `${packages.get(module)!.alias}.${ident}`;
    }
    if (index.libraryTypes.has(ident)) return `${LIBRARY_GO_PACKAGE.alias}.${ident}`;
    for (const [key, pkg] of [...packages]) {
      const module = key.startsWith('ns:') ? namespaces.get(key.slice(3))! : key;
      const goName = index.cdkTypes.get(module)?.get(ident);
      if (goName) return `${pkg.alias}.${goName}`;
    }
    // A type the sample uses without naming it in an import (a props struct
    // inferred in TypeScript): found in one aws-cdk-lib module only, import it.
    const owners = [...index.cdkTypes].filter(([, names]) => names.has(ident));
    if (owners.length === 1) {
      const [module, names] = owners[0];
      const pkg = packages.get(module) ?? goPackageOf(module);
      if (pkg) {
        packages.set(module, pkg);
        return `${pkg.alias}.${names.get(ident)}`;
      }
    }
    return undefined;
  };

  let body = go.split('\n').filter((line) => !/^import\s/.test(line)).join('\n').replace(/^\n+/, '');
  // awscdk.X: X may live in a submodule the sample imported.
  body = body.replace(/\bawscdk\.(\w+)/g, (whole, ident: string) => qualify(ident) ?? whole);
  // Unqualified types: struct literals, slices, declared variables.
  body = body.replace(/([&\]*])([A-Z]\w*)(\{)/g, (whole, pre: string, ident: string, post: string) => {
    const q = qualify(ident);
    return q ? `${pre}${q}${post}` : whole;
  });
  body = body.replace(/^var (\w+) (\*?)([A-Z]\w*)$/gm, (whole, name: string, _star: string, ident: string) => {
    const q = qualify(ident);
    return q ? `var ${name} ${q}` : whole;
  });
  // jsii's Go API takes classes (interfaces), enum constants and struct pointers as they are: no dereference.
  body = body.replace(/\*(\w+)\.(\w+?)_\*?(\w+)/g, (whole, alias: string, type: string, member: string) =>
    (aliases.has(alias) ? `${alias}.${type}_${member}` : whole));
  // A list is a pointer to a slice in jsii's Go API, of pointers for structs.
  body = body.replace(/^(\s*\w+: )\[\](\w+\.\w+)\{$/gm, (_, field: string, type: string) =>
    `${field}&[]${index.structs.has(type) ? '*' : ''}${type}{`);
  // Rosetta repeats a comment that precedes a statement spanning lines.
  body = dropRepeatedComments(body);
  // `{ pipeline }` comes out as `Pipeline: Pipeline`: the value is the variable.
  body = body.replace(/^(\s*)([A-Z])(\w*): \2\3,$/gm, (whole, indent: string, first: string, rest: string) => {
    const variable = first.toLowerCase() + rest;
    return new RegExp(`^(${variable} :=|var ${variable} )`, 'm').test(body) ? `${indent}${first}${rest}: ${variable},` : whole;
  });

  const used = [...packages.values()].filter((p) => new RegExp(`\\b${p.alias}\\.`).test(body));
  if (/\bjsii\./.test(body)) used.push(JSII_RUNTIME);
  const imports = [...new Map(used.map((p) => [`${p.alias} ${p.importPath}`, p])).values()]
    .sort((a, b) => a.importPath.localeCompare(b.importPath))
    .map((p) => (p.importPath.endsWith(`/${p.alias}`) || (p.alias === 'jsii' && p === JSII_RUNTIME) ? `\t"${p.importPath}"` : `\t${p.alias} "${p.importPath}"`));
  return imports.length > 0 ? `import (\n${imports.join('\n')}\n)\n\n${body}` : body;
}

/** Removes the second half of a run of comment lines whose halves are the same. */
function dropRepeatedComments(code: string): string {
  const lines = code.split('\n');
  const isComment = (l: string | undefined) => l !== undefined && /^\s*\/\//.test(l);
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    let n = 0;
    while (isComment(lines[i + n])) n++;
    if (n === 0) {
      out.push(lines[i++]);
      continue;
    }
    const run = lines.slice(i, i + n);
    const half = n / 2;
    const repeated = n % 2 === 0 && run.slice(0, half).join('\n') === run.slice(half).join('\n');
    out.push(...(repeated ? run.slice(0, half) : run));
    i += n;
  }
  return out.join('\n');
}
