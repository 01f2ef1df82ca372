import type { Duration } from 'aws-cdk-lib';

/** Options of the `alarm*` methods: each has its own defaults, written on the method. */
export interface LiveMediaAlarmProps {
  /**
   * The value the metric's statistic is compared with (greater than or equal).
   *
   * @default - the method's own (1 for every alarm of this library)
   */
  readonly threshold?: number;

  /**
   * The period over which the statistic is applied: whole minutes.
   *
   * @default - the method's own
   */
  readonly period?: Duration;

  /**
   * How many periods are evaluated.
   *
   * @default 1
   */
  readonly evaluationPeriods?: number;

  /**
   * How many of the evaluated periods must breach.
   *
   * @default - all of `evaluationPeriods`
   */
  readonly datapointsToAlarm?: number;

  /**
   * The alarm's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly alarmName?: string;

  /**
   * The alarm's description.
   *
   * @default - what the alarm means, naming the construct
   */
  readonly alarmDescription?: string;
}
