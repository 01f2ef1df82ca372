/**
 * The integ tests (test/integ.<construct>.ts) are run by integ-runner without
 * type-checking (`npx projen integ`, for speed): they are type-checked here
 * (and by the typecheck task), and each must have its snapshot committed
 * beside it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { typeCheck } from './helpers/typecheck';

const TEST_DIR = __dirname;
// integ-runner's TypeScript preset: ^integ\..*(?<!\.d)\.ts$
const integApps = fs.readdirSync(TEST_DIR).filter((f) => /^integ\..*(?<!\.d)\.ts$/.test(f)).sort();

test('there are integ tests', () => {
  expect(integApps).toContain('integ.kvs-image-generation.ts');
});

/*
 * CI (.ci/run) runs the typecheck task (tsc over test/tsconfig.json, these
 * apps included) beside jest and sets CDK_LIVE_MEDIA_INTEG_APPS_TYPECHECKED:
 * the same check twice would cost a minute of the tests' critical path.
 */
const typeCheckedBeside = process.env.CDK_LIVE_MEDIA_INTEG_APPS_TYPECHECKED === '1';
(typeCheckedBeside ? test.skip : test)('every integ test type-checks', () => {
  expect(typeCheck(integApps.map((f) => path.join(TEST_DIR, f)))).toEqual([]);
});

test.each(integApps)('%s has a committed snapshot', (app) => {
  const manifest = path.join(TEST_DIR, `${app}.snapshot`, 'integ.json');
  expect(fs.existsSync(manifest)).toBe(true);
});
