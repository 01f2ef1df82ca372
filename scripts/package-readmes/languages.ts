/**
 * What each language's package README says in place of the repository
 * README's install section (between `<!-- cdk-live-media:install -->` and
 * `<!-- /cdk-live-media:install -->`), and what it leaves out (between
 * `<!-- cdk-live-media:repository-only -->` markers: the repository's own
 * commands, meaningless to a Python, Java, .NET or Go user).
 */
export type Language = 'python' | 'java' | 'csharp' | 'go';

export const REPOSITORY = 'https://github.com/cdk-live-media/cdk-live-media';

export interface LanguageReadme {
  /** The fence of the language's samples. */
  readonly fence: string;
  /** What a user of the language runs to install the package once released: the check looks for it near the top. */
  readonly installCommand: string;
  readonly install: string;
  /** Said first, before the library's description (Go only). */
  readonly preface?: string;
}

const NOT_RELEASED = (registry: string) =>
  `**Not released yet.** No version of this package has been published to ${registry}: until the ` +
  'release workflow publishes one, build it locally from a clone of the ' +
  `[repository](${REPOSITORY}) (below; Node.js 20.16 or newer). Once released:`;

export const LANGUAGES: Record<Language, LanguageReadme> = {
  python: {
    fence: 'python',
    installCommand: 'pip install cdk-live-media',
    install: [
      NOT_RELEASED('PyPI'),
      '',
      '```bash\npip install cdk-live-media\n```',
      '',
      '```python\nfrom cdk_live_media import KvsImageGeneration\n```',
      '',
      '**A local build**: `npm ci && npx projen compile && npx projen package:python-check` builds the wheel into',
      '`dist/python-packages/` (with Debian\'s `python3-build`); then `pip install dist/python-packages/cdk_live_media-<version>-py3-none-any.whl`.',
    ].join('\n'),
  },
  java: {
    fence: 'java',
    installCommand: '<artifactId>cdk-live-media</artifactId>',
    install: [
      NOT_RELEASED('Maven Central'),
      '',
      '```xml\n<dependency>\n  <groupId>io.github.cdk-live-media</groupId>\n  <artifactId>cdk-live-media</artifactId>\n  <version>VERSION</version>\n</dependency>\n```',
      '',
      '```java\nimport io.github.cdklivemedia.KvsImageGeneration;\n```',
      '',
      '**A local build**: `npm ci && npx projen compile && npx jsii-pacmak --target java` (needs Maven and a JDK)',
      'writes a local Maven repository into `dist/java/`: add it as a `<repository>` of your `pom.xml`.',
    ].join('\n'),
  },
  csharp: {
    fence: 'csharp',
    installCommand: 'dotnet add package CdkLiveMedia',
    install: [
      NOT_RELEASED('NuGet'),
      '',
      '```bash\ndotnet add package CdkLiveMedia\n```',
      '',
      '```csharp\nusing CdkLiveMedia;\n```',
      '',
      '**A local build**: `npm ci && npx projen compile && npx jsii-pacmak --target dotnet` (needs the .NET SDK)',
      'writes `CdkLiveMedia.<version>.nupkg` into `dist/dotnet/`: `dotnet add package CdkLiveMedia --source dist/dotnet`.',
    ].join('\n'),
  },
  go: {
    fence: 'go',
    installCommand: 'go get github.com/cdk-live-media/cdk-live-media-go/cdklivemedia',
    install: [
      NOT_RELEASED('the Go module proxy'),
      '',
      '```bash\ngo get github.com/cdk-live-media/cdk-live-media-go/cdklivemedia\n```',
      '',
      '```go\nimport "github.com/cdk-live-media/cdk-live-media-go/cdklivemedia"\n```',
      '',
      '**A local build**: `npm ci && npx projen compile && npx jsii-pacmak --target go` (needs Go) writes the module into',
      '`dist/go/cdklivemedia/`: point your `go.mod` at it with a `replace` directive.',
    ].join('\n'),
    preface: [
      '> **About the Go samples.** They are translated by machine (jsii-rosetta) from the TypeScript samples,',
      '> which the library\'s tests run, then corrected where rosetta\'s Go output is known to be wrong: import paths',
      '> (`github.com/aws/aws-cdk-go/awscdk/v2/<module>`), package qualifiers (`awskinesisvideo.NewCfnStream`,',
      '> `&awskinesisvideo.CfnStreamProps{`), lists (pointers to slices) and jsii values passed as they are (no `*`).',
      '> What CI checks: each sample is parsed by `gofmt -e` (wrapped in `package main` and `func main()`), and',
      '> the README is searched for rosetta\'s known broken patterns. They are not compiled: that needs the',
      '> aws-cdk-go and jsii runtime modules, and the build machines cannot reach the Go module proxy. Read them',
      '> as a guide and the TypeScript sample as the reference. A fragment\'s `var stack awscdk.Stack` stands for a stack of your app.',
    ].join('\n'),
  },
};

/** The repository README made into the package README of `language` (before its samples are translated). */
export function packageMarkdown(markdown: string, language: Language): string {
  const spec = LANGUAGES[language];
  let out = replaceBlock(markdown, 'install', spec.install);
  out = replaceBlock(out, 'repository-only', '');
  // Relative links lead nowhere in a package: point them at the repository.
  out = out.replace(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g, (_, target: string) => `](${REPOSITORY}/blob/main/${target})`);
  if (spec.preface) out = out.replace(/^(# .*\n)/, `$1\n${spec.preface}\n`);
  return out.replace(/\n{3,}/g, '\n\n');
}

function replaceBlock(markdown: string, name: string, replacement: string): string {
  const start = `<!-- cdk-live-media:${name} -->`;
  const end = `<!-- /cdk-live-media:${name} -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} block`);
  return markdown.slice(0, from) + replacement + markdown.slice(to + end.length);
}
