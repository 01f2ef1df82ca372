/**
 * The type names the Go fixer and the README check need: cdk-live-media's
 * (from its assembly) and aws-cdk-lib's per module (from aws-cdk-lib's
 * compressed assembly, read as JSON: @jsii/spec refuses its newer features).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { GoTypeIndex } from './go-samples';

/** The parts of the library's assembly (.jsii, written by `npx projen compile`) the scripts read. */
export interface LibraryAssembly {
  readonly name: string;
  readonly readme?: { readonly markdown: string };
  readonly types?: Record<string, { readonly name: string; readonly kind: string; readonly datatype?: boolean }>;
}

export function loadLibraryAssembly(file = '.jsii'): LibraryAssembly {
  if (!fs.existsSync(file)) throw new Error(`no ${file}: run \`npx projen compile\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function goTypeIndex(library: LibraryAssembly): GoTypeIndex & { readonly cdkRootNames: ReadonlySet<string> } {
  const libraryTypes = new Set(Object.values(library.types ?? {}).map((t) => t.name));
  const isStruct = (t: any) => t.kind === 'interface' && t.datatype === true;
  const structs = new Set(Object.values(library.types ?? {}).filter(isStruct).map((t) => `cdklivemedia.${t.name}`));
  const file = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), '.jsii.gz');
  const cdk = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as { types: Record<string, any>; submodules: Record<string, unknown> };
  const submodules = new Set(Object.keys(cdk.submodules ?? {}).map((fqn) => fqn.split('.')[1]));
  const cdkTypes = new Map<string, Map<string, string>>();
  const cdkRootNames = new Set<string>();
  for (const fqn of Object.keys(cdk.types)) {
    const parts = fqn.split('.').slice(1);
    const inSubmodule = parts.length > 1 && submodules.has(parts[0]);
    const module = inSubmodule ? `aws-cdk-lib/${parts[0].replace(/_/g, '-')}` : 'aws-cdk-lib';
    const names = inSubmodule ? parts.slice(1) : parts;
    if (!inSubmodule) cdkRootNames.add(names[0]);
    const byName = cdkTypes.get(module) ?? new Map<string, string>();
    byName.set(names[names.length - 1], names.join('_'));
    if (isStruct(cdk.types[fqn])) structs.add(`${inSubmodule ? parts[0].replace(/_/g, '') : 'awscdk'}.${names.join('_')}`);
    cdkTypes.set(module, byName);
  }
  return { libraryTypes, structs, cdkTypes, cdkRootNames };
}
