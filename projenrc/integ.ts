import type { awscdk, Task } from 'projen';

// Integ tests: test/integ.<construct>.ts, each a deployable app with
// integ-tests-alpha assertions, its snapshot committed beside it in
// test/integ.<construct>.ts.snapshot/. integ-runner discovers them by name:
// a new integ test needs no change here.
/** The integ-test tasks (`integ`, part of the test task; `integ:snapshot`; `integ:deploy`). */
export function addIntegTasks(project: awscdk.AwsCdkConstructLibrary, bundle: Task): void {
  /**
   * How integ-runner runs an integ app. Transpile-only is 3x faster than ts-node's
   * type-check; test/integ-apps.test.ts type-checks the apps instead.
   */
  const INTEG_APP = 'node -r ts-node/register/transpile-only {filePath}';
  const integRunner = (...flags: string[]) => ['integ-runner', '$@', '--language', 'typescript', '--app', INTEG_APP, ...flags];

  const integ = project.addTask('integ', {
    description: 'Verify the integ snapshots offline: synthesize each test/integ.*.ts and compare it with its committed snapshot (deploys nothing)',
    steps: [
      // Synthesis stages the handler asset; its content is not compared.
      { spawn: bundle.name, condition: '[ ! -f assets/handler/index.js ]' },
      { execArgs: integRunner(), receiveArgs: true },
    ],
  });
  project.testTask.spawn(integ);

  // Snapshots are written by integ-runner. Their staged assets (the handler
  // asset and integ-tests-alpha's assertion bundle, 3.6 MB per snapshot) are not
  // committed: offline verification reads the manifests and templates only
  // (asset hashes are compared only with diffAssets), and committing them grew
  // the repository by megabytes per handler change. What it costs (the update
  // workflow of integ:deploy): CONTRIBUTING.md, "Integration tests".
  project.gitattributes.addAttributes('/test/*.snapshot/**', 'linguist-generated');
  project.gitignore.exclude('/test/*.snapshot/asset.*');

  project.addTask('integ:snapshot', {
    description: 'Rewrite the snapshots of integ tests that no longer match, offline (--dry-run: nothing is deployed or asserted)',
    steps: [{ spawn: bundle.name }, { execArgs: integRunner('--update-on-failed', '--dry-run'), receiveArgs: true }],
  });

  // --no-update-workflow: the update workflow deploys the committed snapshot
  // first, and the snapshots' assets are not committed (CONTRIBUTING.md).
  project.addTask('integ:deploy', {
    description: 'Deploy the integ tests to the AWS account of your credentials, run their assertions, destroy them and save the snapshots (without the update workflow: the snapshots\' assets are not committed)',
    steps: [{ spawn: bundle.name }, { execArgs: integRunner('--force', '--no-update-workflow'), receiveArgs: true }],
  });
}
