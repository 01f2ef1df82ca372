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
    '| `.ci/run` (fresh clone, one run, load from 7 other engineers) | about 12 min (the issue\'s figure); the same steps one after another: 1,085 s by the times below | 713 s (11.9 min) | at most 8 min: not met | the per-step table `.ci/run` prints |',
    '',
    '`.ci/run` per step, 2026-12-07 (s): npm ci 43; projen in sync 8; example 20 (transpile-only now: the typecheck step covers example/);',
    'bundle 16; **jest 626** (80 suites, 964 tests; the integ apps\' second type-check skipped, the typecheck step does it). Beside jest,',
    'one after another (372 s in all, done while jest was at about 60%): typecheck 105, eslint 91, integ-runner 54, jsii 30, API.md 8,',
    'npm tarball 11, pacmak --code-only 31 (rosetta reuses its tablet: a second extract takes 2 s), apt 29, Python build 13 (reuses',
    'package:code-only\'s sources). Jest is the critical path (88% of the run): the next cut is there (its slowest suites are the harness',
    'scenarios, 54-61 s each, and security.test.ts, 43 s), e.g. running a shard of it in the second line once the packaging chain ends.',
    '',
  ];
}
