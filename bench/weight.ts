/**
 * The BENCHMARKS.md section on the weight of the package and the repository
 * (issue 24): figures measured once, before (commit 4837dcb) and after, by
 * the commands named in each row. Not re-measured by `npx projen bench`:
 * the live figures are in the sections above (synth ratios, the Handler
 * table); this keeps the record of the change.
 */
export function weightSection(): string[] {
  return [
    '## Weight: before and after (issue 24)',
    '',
    'Measured on this machine (2 cores, shared with other work: absolute times are noisy, ratios less so).',
    'Before is commit 4837dcb.',
    '',
    '| figure | before | after | target | how |',
    '| --- | ---: | ---: | --- | --- |',
    '| handler asset, in all | 1,324.2 KB | 509.1 KB | at most 700 KB | `npx projen bundle`; the SDK core and lambda/shared/ written once in assets/handler/shared/ (esbuild code splitting, each file turned into CommonJS) instead of once per service file |',
    '| what one event loads (index.js and the largest service file with what it requires) | 338.0 KB | 227.4 KB | at most 340 KB | the Handler section; the credential providers the SDK imports on demand are files of their own |',
    '| worst cold start for one event, after / before (same run, alternating) | 1.00 | 0.98 | at most 1.00 | `BENCH_ONLY=handler npx projen bench`, against bench/baseline/handler-4837dcb.tar.gz |',
    '| integ snapshots committed (6) | 21,969,756 B | 505,726 B | no megabytes per handler change | `asset.*` folders gitignored; `npx projen integ` verifies a fresh clone offline (CONTRIBUTING.md says what it costs) |',
    '| npm tarball | 813,807 B (794.7 KiB) | 425,198 B (415.2 KiB) | at most 550 KiB | `npx projen compile && npx projen package:js`; the asset above (546 KiB with it alone), and lib/*.js without the TypeScript sources inlined in their source maps |',
    '| synth time at N = 150, cdk-live-media / AwsCustomResource | 0.81, 0.74 | 0.42, 0.36 | at most 0.5 | two side-by-side runs of 5 alternating syntheses each (before and after, same minutes); the generated table above says 0.41. What grew: every grant re-made every kind policy\'s cdk-nag acknowledgments over all grants so far (O(N²): 70% of a profile of the synth); now made once, when read |',
    '| `.ci/run`, the steps it had at the start of the round (fresh clone) | about 12 min (the issue\'s figure; 1,085 s of steps one after another) | 395 s (6.6 min) | at most 8 min | the per-step table `.ci/run` prints; run of 3b020f5 |',
    '',
    '`.ci/run` per step, fresh clone of 3b020f5 (s), 523 s in all: the README\'s local build (npm ci, jsii compile with the handler bundle, npm',
    'tarball checked) 67; projen in sync 4; example 9 (transpile-only: the typecheck step covers example/); bundle 6; **jest 272** (4 workers:',
    'most suites wait on real timers and child processes, one worker used half a core; 1,182 tests). Beside jest, one after another',
    '(309 s): typecheck 78, eslint 58, integ-runner 52, API.md 23, pacmak --code-only with the package READMEs 78, their check 6, Python',
    'build 14 (reuses package:code-only\'s sources). The steps this round added, timed on their own: the harness on Node.js 24 98, the nag',
    'matrix 30 (128 s: 523 - 128 = 395 s for the others). Before (1 jest worker): jest 626-699 s, the whole run 713-1,089 s.',
    '',
  ];
}
