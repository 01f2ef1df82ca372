import type { Template } from 'aws-cdk-lib/assertions';

/**
 * The statements the constructs granted the handler role (its inline
 * policy without the statement for its own logs), each with `Action` as a
 * list (IAM and CDK render a single action as a string).
 */
export function grantStatements(template: Template): any[] {
  const roles = Object.values<any>(template.findResources('AWS::IAM::Role'));
  expect(roles).toHaveLength(1);
  return roles[0].Properties.Policies[0].PolicyDocument.Statement
    .map((s: any) => ({ ...s, Action: [s.Action].flat() }))
    .filter((s: any) => !s.Action.every((a: string) => a.startsWith('logs:')));
}
