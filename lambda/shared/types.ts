import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { Deadline } from './deadline';

/** What a resource handler returns; aws-cdk-lib's entrypoint turns it into the response to CloudFormation. */
export interface HandlerResponse {
  readonly PhysicalResourceId?: string;
  readonly Data?: Record<string, string>;
  readonly NoEcho?: boolean;
}

/** Handles the events of one custom resource type. */
export type ResourceHandler = (event: CloudFormationCustomResourceEvent, deadline: Deadline) => Promise<HandlerResponse>;
