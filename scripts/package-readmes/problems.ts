/**
 * What must not be in a language's package README: the repository's own
 * commands, an install section not in the language, untranslated TypeScript,
 * and (Go) the patterns of rosetta's Go translator that do not compile.
 */
import { Language, LANGUAGES } from './languages';

/** The lines of the opening that must show how to install (what the library does comes first). */
const OPENING_LINES = 40;

export function readmeProblems(language: Language, text: string, cdkRootNames: ReadonlySet<string>): string[] {
  const spec = LANGUAGES[language];
  const lines = text.split('\n');
  const problems: string[] = [];
  const at = (re: RegExp, what: string) => lines.forEach((l, i) => {
    if (re.test(l)) problems.push(`line ${i + 1}: ${what}: ${l.trim()}`);
  });
  at(/npx projen (example|test)(?![:\w-])|npm install &&/, 'the repository\'s own commands');
  at(/^\s*`{3,}\s*(ts|typescript)\b/, 'a TypeScript sample, untranslated');
  if (!lines.slice(0, OPENING_LINES).some((l) => l.includes(spec.installCommand))) {
    problems.push(`the first ${OPENING_LINES} lines do not say how to install it (${spec.installCommand})`);
  }
  if (!lines.some((l) => new RegExp(`^\\s*\`{3,}\\s*${spec.fence}\\b`).test(l))) problems.push(`no \`\`\`${spec.fence} sample`);
  if (language === 'go') {
    at(/"github\.com\/aws\/aws-cdk-go\/awscdk"/, 'aws-cdk-go imported without /v2');
    at(/^import "github\.com\/aws\/aws-cdk-go/, 'one import line per TypeScript import (rosetta\'s form)');
    lines.forEach((l, i) => {
      for (const m of l.matchAll(/\bawscdk\.(?:New)?([A-Z][A-Za-z0-9]*)/g)) {
        if (!cdkRootNames.has(m[1])) problems.push(`line ${i + 1}: awscdk.${m[1]} is not in aws-cdk-lib's root package: ${l.trim()}`);
      }
    });
    at(/[&\]]\*?[A-Z]\w*\{/, 'an unqualified struct type');
    at(/\*[a-z]\w*\.[A-Z]\w*_/, 'a jsii value dereferenced (jsii\'s Go API takes it as it is)');
  }
  return problems;
}
