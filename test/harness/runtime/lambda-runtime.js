'use strict';
/**
 * A Lambda execution environment for the harness: one Node.js process that
 * loads the function's code the way the Lambda Node.js runtime does (require
 * `$LAMBDA_TASK_ROOT/<module>` from the Handler setting `_HANDLER`, with the
 * function's environment already in place), then runs invocations one after
 * another, as a warm container does, each with a context whose
 * getRemainingTimeInMillis counts down to the invocation's deadline.
 *
 * Plain JavaScript run by plain `node` (no ts-node, no jest): what runs is
 * the staged asset, nothing transformed.
 *
 * The one thing it changes: aws-cdk-lib's entrypoint PUTs the response to
 * the ResponseURL's host and path over https on port 443, ignoring the URL's
 * port. The entrypoint exports `external.sendHttpRequest` (the hook
 * aws-cdk-lib's own tests use); it is wrapped so that the original function
 * still makes the real https request, with the harness's port and its
 * self-signed certificate as the only trusted CA added to the options.
 *
 * Protocol with the parent (lambda-runner.ts), over the IPC channel:
 *   <- { type: 'ready', node }                                   after init (node: process.version)
 *   -> { type: 'invoke', id, event, timeoutMs, awsRequestId }
 *   <- { type: 'result', id, ok, error? }                        after markers on stdout and stderr
 */
const path = require('path');

const taskRoot = process.env.LAMBDA_TASK_ROOT;
const [moduleName, exportName] = process.env._HANDLER.split('.');
const responsePort = Number(process.env.HARNESS_RESPONSE_PORT);
const responseCa = process.env.HARNESS_RESPONSE_CA;
// Not for the function: keep the harness's own settings out of its environment.
delete process.env.HARNESS_RESPONSE_PORT;
delete process.env.HARNESS_RESPONSE_CA;

const entrypoint = require(path.join(taskRoot, moduleName));
if (typeof entrypoint[exportName] !== 'function') {
  throw new Error(`${moduleName}.${exportName} is not a function`);
}
// A custom resource handler answers a ResponseURL; a runtime function (no response port given) does not.
if (responsePort) {
  if (!entrypoint.external || typeof entrypoint.external.sendHttpRequest !== 'function') {
    throw new Error(`${moduleName} exports no external.sendHttpRequest: the response port cannot be redirected`);
  }
  const sendHttpRequest = entrypoint.external.sendHttpRequest;
  entrypoint.external.sendHttpRequest = (options, body) => {
    if (options.hostname !== '127.0.0.1' || options.port !== undefined) {
      throw new Error(`harness: the response would go to ${options.hostname}:${options.port ?? 443}, not the harness`);
    }
    return sendHttpRequest({ ...options, port: responsePort, ca: responseCa }, body);
  };
}

const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
process.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  const end = Date.now() + message.timeoutMs;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'harness',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
  };
  let outcome;
  try {
    await entrypoint[exportName](message.event, context);
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, error: String((error && error.stack) || error) };
  }
  const marker = `\n<<harness:end:${message.id}>>\n`;
  process.stdout.write(marker);
  process.stderr.write(marker, () => process.send({ type: 'result', id: message.id, ...outcome }));
});

process.send({ type: 'ready', node: process.version });
