/**
 * The alarm every `alarm*Failure` method makes: the MatchedEvents metric of
 * its own failure rule, Sum >= 1 in one 5-minute period, missing data not
 * breaching (no failure event is no failure).
 */
export function matchedEventsAlarm(ruleId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Namespace: 'AWS/Events',
    MetricName: 'MatchedEvents',
    Dimensions: [{ Name: 'RuleName', Value: { Ref: ruleId } }],
    Statistic: 'Sum',
    Period: 300,
    Threshold: 1,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    ...extra,
  };
}
