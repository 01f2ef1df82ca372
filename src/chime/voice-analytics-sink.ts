import type { IRole } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { typeWildcardArn } from '../core/arns';
import { LiveMediaProvider } from '../core/provider';
import type { PropValidator } from '../core/validation';

/** What a sink adds to its configuration: its element, and the grants it needs. */
export interface VoiceAnalyticsSinkBinding {
  /** The element type, e.g. `SnsTopicSink`. */
  readonly elementType: string;
  /** The element, as CreateMediaInsightsPipelineConfiguration takes it. */
  readonly element: { [key: string]: any };
}

/**
 * Where a media insights pipeline configuration sends voice analytics results
 * (the sinks the API offers for a voice analytics processor). Each sink
 * grants the configuration's resource access role exactly what the Chime SDK
 * developer guide lists for it. FIFO topics and queues are not supported by
 * the service.
 */
export abstract class VoiceAnalyticsSink {
  /** An SNS topic: the role may `sns:Publish` and `sns:GetTopicAttributes` (and use its KMS key). */
  public static snsTopic(topic: ITopic): VoiceAnalyticsSink {
    return new Sink('SnsTopicSink', 'SnsTopicSinkConfiguration', topic.topicArn, 'sns', (role, v, prop) => {
      if (topic.fifo === true) v.fail(prop, 'the topic is FIFO, which voice analytics does not support: use a standard topic');
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish', 'sns:GetTopicAttributes'], resources: [topic.topicArn] }));
      topic.masterKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
    });
  }

  /** An SQS queue: the role may `sqs:SendMessage` and `sqs:GetQueueAttributes` (and use its KMS key). */
  public static sqsQueue(queue: IQueue): VoiceAnalyticsSink {
    return new Sink('SqsQueueSink', 'SqsQueueSinkConfiguration', queue.queueArn, 'sqs', (role, v, prop) => {
      if (queue.fifo === true) v.fail(prop, 'the queue is FIFO, which voice analytics does not support: use a standard queue');
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], resources: [queue.queueArn] }));
      queue.encryptionMasterKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
    });
  }

  /** A Lambda function: the role may `lambda:InvokeFunction` and `lambda:GetPolicy`. */
  public static lambdaFunction(fn: IFunction): VoiceAnalyticsSink {
    return new Sink('LambdaFunctionSink', 'LambdaFunctionSinkConfiguration', fn.functionArn, 'lambda', (role) => {
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction', 'lambda:GetPolicy'], resources: [fn.functionArn] }));
    });
  }

  /**
   * A Kinesis data stream: the role may `kinesis:PutRecord` (and generate data
   * keys of its KMS key); the handler, which creates the configuration, may
   * `kinesis:DescribeStream` on it, which the service requires of the caller.
   */
  public static kinesisStream(stream: IStream): VoiceAnalyticsSink {
    return new Sink('KinesisDataStreamSink', 'KinesisDataStreamSinkConfiguration', stream.streamArn, 'kinesis', (role, _v, _prop, scope) => {
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kinesis:PutRecord'], resources: [stream.streamArn] }));
      stream.encryptionKey?.grant(role, 'kms:GenerateDataKey');
      const typeWildcard = typeWildcardArn(scope, 'kinesis', 'stream');
      LiveMediaProvider.of(scope).grant(['kinesis:DescribeStream'], { arn: stream.streamArn, typeWildcard });
    });
  }

  /** The ARN the results go to. */
  public abstract readonly targetArn: string;

  /** The ARN's service namespace: sns, sqs, lambda or kinesis. */
  public abstract readonly service: string;

  /**
   * Grants `role` what the sink needs and returns its element.
   * @internal
   */
  public abstract _bind(scope: IConstruct, role: IRole, validator: PropValidator, prop: string): VoiceAnalyticsSinkBinding;
}

type Grant = (role: IRole, validator: PropValidator, prop: string, scope: IConstruct) => void;

class Sink extends VoiceAnalyticsSink {
  constructor(
    private readonly elementType: string,
    private readonly configurationKey: string,
    public readonly targetArn: string,
    public readonly service: string,
    private readonly grant: Grant,
  ) {
    super();
  }

  public _bind(scope: IConstruct, role: IRole, validator: PropValidator, prop: string): VoiceAnalyticsSinkBinding {
    this.grant(role, validator, prop, scope);
    return { elementType: this.elementType, element: { Type: this.elementType, [this.configurationKey]: { InsightsTarget: this.targetArn } } };
  }
}
