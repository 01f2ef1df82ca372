/**
 * What VoiceAnalyticsTask's handler reads of the pipeline an Update moves a
 * task to, before it stops the running task.
 */
import { GetMediaPipelineCommand } from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { MediaInsightsPipeline } from '@aws-sdk/client-chime-sdk-media-pipelines';
import { PIPELINE_REPLACES_METADATA_KEY } from '../../src/chime/kvs-media-insights-pipeline.contract';
import { chimeMediaPipelinesClient } from '../shared/clients/chime-media-pipelines';
import { describeError, isError } from '../shared/errors';

const chime = chimeMediaPipelinesClient();

/** Statuses of a pipeline that does not run and will not run again. */
const NOT_RUNNING = new Set(['Stopping', 'Stopped', 'Failed']);

/**
 * Fails before anything is stopped when the pipeline a replacement moves to
 * does not run: a mistyped pipeline must not end a running task. Answers
 * false when that pipeline is the one the current pipeline (`own`) replaced,
 * per its runtime metadata: a rollback to a pipeline ended meanwhile. A role
 * that may not read pipelines (the policy of a template from before this
 * check, which a rollback restores first) leaves the start to tell.
 */
export async function requirePipeline(identifier: string, own: string, running: string): Promise<boolean> {
  let pipeline;
  try {
    pipeline = await getPipeline(identifier);
  } catch (error) {
    if (!isError(error, 'AccessDeniedException', 'ForbiddenException')) throw error;
    console.log(`GetMediaPipeline ${identifier}: ${describeError(error)}; going on without the check`);
    return true;
  }
  if (pipeline.pipeline && !NOT_RUNNING.has(pipeline.pipeline.Status ?? '')) return true;
  const replaced = (await getPipeline(own).catch(() => undefined))?.pipeline?.MediaInsightsRuntimeMetadata?.[PIPELINE_REPLACES_METADATA_KEY];
  if (replaced !== undefined && replaced === idOf(identifier)) return false;
  const why = pipeline.pipeline ? `has ended (it is ${pipeline.pipeline.Status}): no task can start on it` : `does not exist in this account and Region (${pipeline.missing})`;
  throw new Error(`Pipeline ${identifier} ${why}; task ${running} was left running and nothing was started`);
}

/** GetMediaPipeline takes the ID; the task APIs take the ID or the ARN. */
function idOf(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf('/') + 1);
}

/** The pipeline, or why it is missing (NotFoundException). */
async function getPipeline(identifier: string): Promise<{ pipeline?: MediaInsightsPipeline; missing?: string }> {
  try {
    const out = await chime.send(new GetMediaPipelineCommand({ MediaPipelineId: idOf(identifier) }));
    return { pipeline: out.MediaPipeline?.MediaInsightsPipeline ?? {} };
  } catch (error) {
    if (!isError(error, 'NotFoundException')) throw error;
    return { missing: describeError(error) };
  }
}

