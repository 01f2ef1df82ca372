/**
 * The types of the constraints derived from the services' Smithy models
 * (see model-constraints.generated.ts and scripts/generate-model-constraints.ts).
 */

export interface ModelService {
  readonly sdkId: string;
  readonly arnNamespace: string;
  readonly endpointPrefix: string;
  readonly signingName: string;
  readonly protocol: string;
  readonly operations: string[];
}

export interface ModelOperation {
  readonly input?: string;
  readonly output?: string;
  readonly errors: string[];
  readonly http: { readonly method: string; readonly uri: string; readonly code?: number };
}

export interface ModelMember {
  /** Shape id of the member's type; Smithy prelude types lose their `smithy.api#` prefix. */
  readonly target: string;
  readonly required?: boolean;
  readonly default?: unknown;
  readonly idempotencyToken?: boolean;
  readonly httpLabel?: boolean;
  readonly httpQuery?: string;
  readonly httpHeader?: string;
  readonly jsonName?: string;
}

export interface ModelShape {
  readonly type: string;
  readonly members?: Record<string, ModelMember>;
  readonly member?: string;
  readonly key?: string;
  readonly value?: string;
  readonly enum?: unknown[];
  readonly length?: { readonly min?: number; readonly max?: number };
  readonly range?: { readonly min?: number; readonly max?: number };
  readonly pattern?: string;
  readonly uniqueItems?: boolean;
  readonly sensitive?: boolean;
  readonly error?: string;
  readonly httpError?: number;
  readonly default?: unknown;
  readonly timestampFormat?: string;
}
