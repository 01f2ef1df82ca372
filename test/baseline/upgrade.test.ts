/**
 * Upgrades never replace: a build of the library, deployed over a stack that
 * an earlier release deployed, keeps every custom resource (same logical ID,
 * same type, same ServiceToken: CloudFormation refuses "Modifying service
 * token is not allowed") and sends no property change that would replace a
 * live object.
 *
 * test/baseline/example.template.json is the example app as the previous
 * release synthesized it (asset hashes masked). When a change is deliberate,
 * regenerate it in the same commit (`UPDATE_BASELINE=1 npx jest
 * test/baseline/upgrade.test.ts`) and say in the README's Changelog what a
 * user's next deploy will do.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { LiveMediaExampleStack } from '../../example/stack';
import { snapshotOf } from '../helpers/snapshot';

const BASELINE = path.join(__dirname, 'example.template.json');

/** The handler function: its logical ID is part of the public contract (the ServiceToken of every resource). */
const HANDLER_LOGICAL_ID = 'CdkLiveMediaProviderHandler5A4B8FAB';

/**
 * Properties only the handler reads: a change to them is applied in place
 * (the handler keeps the physical ID), so they may change between releases.
 */
const HANDLER_ONLY = new Set(['ServiceToken', 'ServiceTimeout', 'StartTimeoutSeconds', 'WaitForInProgress', 'tags']);

function currentTemplate(): any {
  return snapshotOf(new LiveMediaExampleStack(new App(), 'LiveMediaExample'));
}

/** What would replace or orphan a live object when `next` is deployed over `previous`. */
export function replacements(previous: any, next: any): string[] {
  const problems: string[] = [];
  if (!next.Resources[HANDLER_LOGICAL_ID]) problems.push(`the handler ${HANDLER_LOGICAL_ID} is gone`);
  for (const [id, old] of Object.entries<any>(previous.Resources)) {
    if (!old.Type.startsWith('Custom::')) continue;
    const now = next.Resources[id];
    if (!now) {
      problems.push(`${id} (${old.Type}) is gone: its object would be deleted`);
      continue;
    }
    if (now.Type !== old.Type) problems.push(`${id}: type ${old.Type} -> ${now.Type}`);
    if (JSON.stringify(now.Properties.ServiceToken) !== JSON.stringify(old.Properties.ServiceToken)) {
      problems.push(`${id}: ServiceToken ${JSON.stringify(old.Properties.ServiceToken)} -> ${JSON.stringify(now.Properties.ServiceToken)}`);
    }
    const keys = new Set([...Object.keys(old.Properties), ...Object.keys(now.Properties)]);
    for (const key of [...keys].filter((k) => !HANDLER_ONLY.has(k))) {
      const [a, b] = [JSON.stringify(old.Properties[key]), JSON.stringify(now.Properties[key])];
      if (a !== b) problems.push(`${id}: ${key} ${a} -> ${b} would replace the live object`);
    }
  }
  return problems;
}

describe('upgrading a stack the previous release deployed (the example app)', () => {
  if (process.env.UPDATE_BASELINE) {
    test('rewrites the baseline', () => {
      fs.writeFileSync(BASELINE, `${JSON.stringify(currentTemplate(), null, 2)}\n`);
    });
    return;
  }

  const baseline = JSON.parse(fs.readFileSync(BASELINE, 'utf8'));

  test('the baseline has every construct of the library, and the handler', () => {
    const types = Object.values<any>(baseline.Resources).map((r) => r.Type).filter((t) => t.startsWith('Custom::')).sort();
    expect(types).toEqual(['Custom::IvsComposition', 'Custom::KvsImageGeneration', 'Custom::VoiceAnalyticsTask']);
    expect(baseline.Resources[HANDLER_LOGICAL_ID].Type).toBe('AWS::Lambda::Function');
  });

  test('keeps every custom resource, its ServiceToken and every property the service sees', () => {
    expect(replacements(baseline, currentTemplate())).toEqual([]);
  });

  test('keeps the handler function\'s logical ID and every custom resource\'s ServiceToken pointing at it', () => {
    const current = currentTemplate();
    const custom = Object.values<any>(current.Resources).filter((r) => r.Type.startsWith('Custom::'));
    const before = Object.values<any>(baseline.Resources).filter((r) => r.Type.startsWith('Custom::'));
    expect(custom.length).toBeGreaterThanOrEqual(before.length);
    for (const r of custom) expect(r.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [HANDLER_LOGICAL_ID, 'Arn'] });
  });

  test('the check itself catches a replacement, a renamed handler and a removed resource', () => {
    const changed = JSON.parse(JSON.stringify(baseline));
    const [kvs] = Object.entries<any>(changed.Resources).find(([, r]) => r.Type === 'Custom::KvsImageGeneration')!;
    changed.Resources[kvs].Properties.StreamARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/other/1';
    changed.Resources[kvs].Properties.ServiceTimeout = '1200';
    const [ivs] = Object.entries<any>(changed.Resources).find(([, r]) => r.Type === 'Custom::IvsComposition')!;
    changed.Resources[ivs].Properties.ServiceToken = { 'Fn::GetAtt': ['OtherHandler', 'Arn'] };
    const [chime] = Object.entries<any>(changed.Resources).find(([, r]) => r.Type === 'Custom::VoiceAnalyticsTask')!;
    delete changed.Resources[chime];
    delete changed.Resources[HANDLER_LOGICAL_ID];
    const problems = replacements(baseline, changed);
    expect(problems).toEqual([
      `the handler ${HANDLER_LOGICAL_ID} is gone`,
      expect.stringMatching(new RegExp(`^${kvs}: StreamARN .* would replace the live object$`)),
      expect.stringMatching(new RegExp(`^${ivs}: ServiceToken `)),
      `${chime} (Custom::VoiceAnalyticsTask) is gone: its object would be deleted`,
    ]);
  });
});
