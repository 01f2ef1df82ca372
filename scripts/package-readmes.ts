/**
 * Writes each language's package README after jsii-pacmak (`package:code-only`):
 * the assembly's README with the install section in that language and without
 * the repository-only section (scripts/package-readmes/languages.ts), its
 * samples translated from the rosetta tablet (.jsii.tabl.json), Go samples
 * post-processed (scripts/package-readmes/go-samples.ts).
 * - Python: <outdir>/python/README.md (the PyPI page)
 * - Java: <outdir>/java/README.md, the same in the jar (src/main/resources),
 *   and the package's Javadoc (package-info.java)
 * - .NET: <outdir>/dotnet/CdkLiveMedia/README.md, packed as the NuGet README,
 *   and the namespace's doc (NamespaceDoc.cs)
 * - Go: <outdir>/go/cdklivemedia/README.md
 *
 *   ts-node --project scripts/tsconfig.json scripts/package-readmes.ts [outdir] [language...]
 */
import * as fs from 'fs';
import * as path from 'path';
import { markDownToJavaDoc, markDownToXmlDoc, Rosetta, TargetLanguage, UnknownSnippetMode } from 'jsii-rosetta';
import { fixGoSample, GoTypeIndex } from './package-readmes/go-samples';
import { Language, LANGUAGES, packageMarkdown } from './package-readmes/languages';
import { goTypeIndex, loadLibraryAssembly } from './package-readmes/type-index';

const TARGET: Record<Language, TargetLanguage> = {
  python: TargetLanguage.PYTHON, java: TargetLanguage.JAVA, csharp: TargetLanguage.CSHARP, go: TargetLanguage.GO,
};

/** The TypeScript samples of a markdown text, in order (as rosetta finds them). */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(\s*)(`{3,})\s*(?:ts|typescript)\b[^\n]*\n([\s\S]*?)\n\s*\2\s*$/gm)].map((m) => m[3]);
}

async function main(outdir: string, languages: Language[]): Promise<void> {
  const assembly = loadLibraryAssembly();
  const readme = assembly.readme?.markdown;
  if (!readme) throw new Error('.jsii has no README: run `npx projen compile` first');
  const rosetta = new Rosetta({ unknownSnippets: UnknownSnippetMode.FAIL });
  await rosetta.loadTabletFromFile('.jsii.tabl.json');
  const index: GoTypeIndex | undefined = languages.includes('go') ? goTypeIndex(assembly) : undefined;

  for (const language of languages) {
    const markdown = packageMarkdown(readme, language);
    const samples = tsBlocks(markdown);
    let n = 0;
    const translated = rosetta.translateSnippetsInMarkdown({ api: 'moduleReadme', moduleFqn: assembly.name }, markdown, TARGET[language], false, (t) => {
      const ts = samples[n++];
      return { language: LANGUAGES[language].fence, source: language === 'go' && ts !== undefined ? fixGoSample(ts, t.source, index!) : t.source };
    });
    if (n !== samples.length) throw new Error(`${language}: ${samples.length} TypeScript samples, ${n} translated`);
    for (const file of write(outdir, language, translated)) console.log(`${language}: ${file}`);
  }
}

/** Writes a language's README where its package carries it; returns the files written. */
function write(outdir: string, language: Language, markdown: string): string[] {
  const put = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  switch (language) {
    case 'python':
      return [put(path.join(outdir, 'python', 'README.md'), markdown)];
    case 'go':
      return [put(path.join(outdir, 'go', 'cdklivemedia', 'README.md'), markdown)];
    case 'java': {
      const info = path.join(outdir, 'java', 'src', 'main', 'java', 'io', 'github', 'cdklivemedia', 'package-info.java');
      const javadoc = markDownToJavaDoc(markdown).replace(/\*\//g, '*&#47;').split('\n').map((l) => (l ? ` * ${l}` : ' *')).join('\n');
      const source = fs.readFileSync(info, 'utf8');
      return [
        put(path.join(outdir, 'java', 'README.md'), markdown),
        put(path.join(outdir, 'java', 'src', 'main', 'resources', 'io', 'github', 'cdklivemedia', 'README.md'), markdown),
        put(info, `/**\n${javadoc}\n */\n${source.slice(source.indexOf('*/\n') + 3)}`),
      ];
    }
    case 'csharp': {
      const project = path.join(outdir, 'dotnet', 'CdkLiveMedia');
      const docFile = path.join(project, 'CdkLiveMedia', 'NamespaceDoc.cs');
      const doc = fs.readFileSync(docFile, 'utf8');
      const remarks = markDownToXmlDoc(markdown).split('\n').map((l) => `    /// ${l}`.trimEnd()).join('\n');
      const from = doc.indexOf('    /// <remarks>');
      const to = doc.indexOf('    /// </remarks>');
      const csproj = path.join(project, 'CdkLiveMedia.csproj');
      let proj = fs.readFileSync(csproj, 'utf8');
      if (!proj.includes('<PackageReadmeFile>')) {
        proj = proj.replace('</PackageId>', '</PackageId>\n    <PackageReadmeFile>README.md</PackageReadmeFile>')
          .replace('</Project>', '  <ItemGroup>\n    <None Include="README.md" Pack="true" PackagePath="\\" />\n  </ItemGroup>\n</Project>');
      }
      return [
        put(path.join(project, 'README.md'), markdown),
        put(csproj, proj),
        put(docFile, `${doc.slice(0, from)}    /// <remarks>\n${remarks}\n${doc.slice(to)}`),
      ];
    }
  }
}

const [outdir = 'dist', ...langs] = process.argv.slice(2);
main(outdir, (langs.length > 0 ? langs : Object.keys(LANGUAGES)) as Language[]).catch((e) => {
  console.error(e);
  process.exit(1);
});
