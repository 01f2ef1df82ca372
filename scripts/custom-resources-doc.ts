/**
 * docs/custom-resources.md, generated from the resources' contracts
 * (src/<service>/<resource>.contract.ts): each custom resource's type, its
 * properties as the template has them (JSON type, what an Update of each
 * does: `<RESOURCE>_UPDATES`) and its attributes (`Fn::GetAtt`). The
 * committed file is checked by test/custom-resources-doc.test.ts.
 *
 *   npx projen docs:custom-resources     # rewrites docs/custom-resources.md
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

/** Whether `flags` has any of `mask`'s bits (TypeScript's type and symbol flags are bit sets). */
// eslint-disable-next-line no-bitwise
const has = (flags: number, mask: number) => (flags & mask) !== 0;
export const DOC_FILE = path.join(ROOT, 'docs', 'custom-resources.md');

interface Member { name: string; type: string; optional: boolean; doc: string; only?: string }

function contracts(): string[] {
  const src = path.join(ROOT, 'src');
  return fs.readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(src, d.name)).filter((f) => f.endsWith('.contract.ts')).map((f) => path.join(src, d.name, f)))
    .sort();
}

/** A TypeScript type as the JSON the template holds. */
function jsonType(type: ts.Type, checker: ts.TypeChecker): string {
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(has(t.flags, ts.TypeFlags.Undefined) || has(t.flags, ts.TypeFlags.Null)));
    if (members.every((t) => t.isStringLiteral())) return `string (${members.map((t) => `\`${(t as ts.StringLiteralType).value}\``).join(', ')})`;
    if (members.every((t) => has(t.flags, ts.TypeFlags.BooleanLiteral))) return 'boolean';
    if (members.length === 1) return jsonType(members[0], checker);
    return members.map((t) => jsonType(t, checker)).join(' or ');
  }
  if (type.isStringLiteral()) return `string (\`${type.value}\`)`;
  if (has(type.flags, ts.TypeFlags.StringLike)) return 'string';
  if (has(type.flags, ts.TypeFlags.NumberLike)) return 'number';
  if (has(type.flags, ts.TypeFlags.BooleanLike)) return 'boolean';
  if (checker.isArrayType(type)) return `array of ${jsonType(checker.getTypeArguments(type as ts.TypeReference)[0], checker)}`;
  if (checker.getIndexInfoOfType(type, ts.IndexKind.String)) return 'object (string keys)';
  return 'object';
}

function membersOf(type: ts.Type, checker: ts.TypeChecker, at: ts.Node): Member[] {
  return checker.getPropertiesOfType(type).map((symbol) => ({
    name: symbol.name,
    type: jsonType(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(symbol, at)), checker),
    optional: has(symbol.flags, ts.SymbolFlags.Optional),
    doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim(),
  }));
}

/** The members of `type`, or of each member of a union (`only`: the union members that have it, by their `Kind`). */
function propertiesOf(type: ts.Type, checker: ts.TypeChecker, at: ts.Node): Member[] {
  if (!type.isUnion()) return membersOf(type, checker, at);
  const byName = new Map<string, Member & { kinds: string[] }>();
  for (const variant of type.types) {
    const kind = variant.getProperty('Kind');
    const kindName = kind ? jsonType(checker.getTypeOfSymbolAtLocation(kind, at), checker).replace(/^string \((.*)\)$/, '$1') : '?';
    for (const m of membersOf(variant, checker, at)) {
      const known = byName.get(m.name);
      if (known) {
        known.kinds.push(kindName);
        if (known.type !== m.type) known.type = `${known.type} or ${m.type}`;
      } else {
        byName.set(m.name, { ...m, kinds: [kindName] });
      }
    }
  }
  return [...byName.values()].map(({ kinds, ...m }) => (m.name === 'Kind' || kinds.length === type.types.length ? m : { ...m, only: kinds.join(', ') }));
}

const esc = (text: string) => text.replace(/\|/g, '\\|');

export function customResourcesDoc(): string {
  const files = contracts();
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS });
  const checker = program.getTypeChecker();
  const sections: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const module = checker.getSymbolAtLocation(source)!;
    const exports = checker.getExportsOfModule(module);
    const typeConst = exports.find((e) => e.name.endsWith('_RESOURCE_TYPE'));
    if (!typeConst) continue;
    const prefix = typeConst.name.replace(/_RESOURCE_TYPE$/, '');
    const decl = typeConst.valueDeclaration as ts.VariableDeclaration;
    const resourceType = (decl.initializer as ts.StringLiteral).text;
    const updatesSymbol = exports.find((e) => e.name === `${prefix}_UPDATES`);
    if (!updatesSymbol) throw new Error(`${path.relative(ROOT, file)} exports ${typeConst.name} but no ${prefix}_UPDATES`);
    const updatesDecl = updatesSymbol.valueDeclaration as ts.VariableDeclaration;
    const updates = new Map((updatesDecl.initializer as ts.ObjectLiteralExpression).properties.map((p) => {
      const assignment = p as ts.PropertyAssignment;
      return [(assignment.name as ts.Identifier).text, (assignment.initializer as ts.StringLiteral).text];
    }));
    // Record<keyof X, PropertyUpdate>: X (or keyof X | keyof Y) names the properties' type(s).
    const keyTypes = ((updatesDecl.type as ts.TypeReferenceNode).typeArguments![0]);
    const propertyTypeNames = (ts.isUnionTypeNode(keyTypes) ? keyTypes.types : [keyTypes])
      .map((t) => ((t as ts.TypeOperatorNode).type as ts.TypeReferenceNode).typeName.getText(source));
    const named = (name: string) => exports.find((e) => e.name === name);
    const unionName = exports.find((e) => e.name.endsWith('Properties') && propertyTypeNames.length > 1
      && (e.declarations?.[0] && ts.isTypeAliasDeclaration(e.declarations[0])));
    const propertiesSymbol = unionName ?? named(propertyTypeNames[0])!;
    const properties = propertiesOf(checker.getDeclaredTypeOfSymbol(propertiesSymbol), checker, source);
    const attributesSymbol = exports.find((e) => e.name.endsWith('Attributes') && e.name.startsWith(propertiesSymbol.name.replace(/Properties$/, '').replace(/^(VoiceToneAnalysis|SpeakerSearch)Task/, 'VoiceAnalyticsTask')));
    const attributes = attributesSymbol ? membersOf(checker.getDeclaredTypeOfSymbol(attributesSymbol), checker, source) : [];
    for (const p of properties) {
      if (!updates.has(p.name)) throw new Error(`${prefix}_UPDATES does not say what an Update of ${p.name} does`);
    }
    sections.push([
      `## \`${resourceType}\``,
      '',
      `\`LiveMediaResourceTypes.${prefix.replace(/^PIPELINE_CONFIGURATION$/, 'MEDIA_INSIGHTS_PIPELINE_CONFIGURATION')}\`; contract: \`${path.relative(ROOT, file)}\`.`,
      '',
      '| Property | JSON type | Required | An Update of it | About |',
      '| --- | --- | --- | --- | --- |',
      ...properties.map((p) => `| \`${p.name}\` | ${esc(p.type)} | ${p.optional ? 'no' : p.only ? `with \`Kind\` ${p.only}` : 'yes'} | ${updates.get(p.name)} | ${esc(p.doc)} |`),
      '',
      ...(attributes.length === 0 ? ['No attributes.'] : [
        '| Attribute (`Fn::GetAtt`) | JSON type | Always | About |',
        '| --- | --- | --- | --- |',
        ...attributes.map((a) => `| \`${a.name}\` | ${esc(a.type)} | ${a.optional ? 'no' : 'yes'} | ${esc(a.doc)} |`),
      ]),
    ].join('\n'));
  }
  return [
    '<!-- Generated by scripts/custom-resources-doc.ts from src/*/*.contract.ts: do not edit (npx projen docs:custom-resources). -->',
    '# The custom resources',
    '',
    'Every construct of cdk-live-media is a custom resource of the types below, served by the stack\'s',
    'handler function (their `ServiceToken`, plus `ServiceTimeout`, which CloudFormation reads). Use',
    '`LiveMediaResourceTypes` in assertions rather than the strings. Property names are the wire',
    'contract with deployed stacks, casing included (`stageArn` for IVS, `StreamARN` for Kinesis Video):',
    'renaming one would replace live objects, so they stay as they are. CloudFormation delivers every',
    'scalar to the handler as a string; the JSON types are those of the template.',
    '',
    'An Update of a property does one of:',
    '- **replacement**: a new object under a new physical ID; CloudFormation deletes the old one in the update\'s cleanup phase (a rolled-back update never reaches it: the rollback returns to the original where it still exists, see the README\'s "Lifecycle and IAM at a glance");',
    '- **in place**: the same object, changed by the service\'s update calls;',
    '- **handler only**: read by the handler alone (how long to wait, whether to take over): nothing changes in the service.',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(DOC_FILE), { recursive: true });
  fs.writeFileSync(DOC_FILE, customResourcesDoc());
  console.log(`wrote ${path.relative(process.cwd(), DOC_FILE)}`);
}
