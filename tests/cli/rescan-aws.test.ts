import { readFileSync } from 'node:fs';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main as rescan } from '../../cli/rescan.js';
import { newRescanId, rescanIdOf, type StepFunctionsApi } from '../../cli/rescan-queue.js';
import { RescanRequest } from '../../lib/rescan-message.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { recordRescanOutcome } from '../../service/rescan.js';
import { startPipeline } from '../helpers/pipeline.js';

const STATE_MACHINE = 'arn:aws:states:eu-west-1:111122223333:stateMachine:RescanStateMachineB7AE29E4-Xy12';
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Step Functions as the SDK sees it (Step Functions cannot run here): StartExecution checks the
 * name and input as the service does and refuses a second execution of the same name with
 * another input; DescribeExecution answers with a recorded response.
 */
function stepFunctions() {
  const started = new Map<string, string>();
  const calls: string[] = [];
  const send = vi.fn(async (command: unknown) => {
    if (command instanceof StartExecutionCommand) {
      calls.push('StartExecution');
      const { stateMachineArn, name, input } = command.input;
      if (stateMachineArn !== STATE_MACHINE)
        throw Object.assign(new Error(`State Machine Does Not Exist: '${stateMachineArn}'`), { name: 'StateMachineDoesNotExist' });
      if (!name || !EXECUTION_NAME.test(name)) throw Object.assign(new Error('Invalid Name'), { name: 'InvalidName' });
      RescanRequest.parse(JSON.parse(input ?? ''));
      if (started.has(name) && started.get(name) !== input) throw Object.assign(new Error('Execution Already Exists'), { name: 'ExecutionAlreadyExists' });
      started.set(name, input!);
      return { executionArn: `${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:${name}`, startDate: new Date() };
    }
    if (command instanceof DescribeExecutionCommand) {
      calls.push('DescribeExecution');
      const name = command.input.executionArn!.slice(command.input.executionArn!.lastIndexOf(':') + 1);
      if (!started.has(name)) throw Object.assign(new Error('Execution Does Not Exist'), { name: 'ExecutionDoesNotExist' });
      const recorded = readFileSync(new URL('../fixtures/stepfunctions/describe-execution-running.json', import.meta.url), 'utf8').replaceAll(
        'EXECUTION_NAME',
        name,
      );
      return JSON.parse(recorded);
    }
    throw new Error(`unexpected command ${(command as { constructor: { name: string } }).constructor.name}`);
  });
  return { sfn: { send } as unknown as StepFunctionsApi, started, calls };
}

describe('npm run rescan --in-aws and --status', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let output: string[];
  beforeAll(async () => {
    ({ pipeline, dispose } = await startPipeline({ deliverEvents: false }));
  });
  afterAll(async () => dispose());
  beforeEach(() => {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void output.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void output.push(String(line)));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.RESCAN_STATE_MACHINE_ARN;
  });

  it('starts one execution named by a new rescan id, with --max-items in its input, and prints its ARN', async () => {
    const { sfn, started } = stepFunctions();
    const code = await rescan(
      [`s3://${pipeline.bucket}`, '--endpoint-url', pipeline.endpoint, '--in-aws', '--state-machine-arn', STATE_MACHINE, '--max-items', '500'],
      { sfn },
    );
    expect(code).toBe(0);
    expect(started.size).toBe(1);
    const [name, input] = [...started.entries()][0]!;
    expect(JSON.parse(input)).toEqual({ rescanId: name, maxItems: 500 });
    expect(output[0]).toBe(`arn:aws:states:eu-west-1:111122223333:execution:RescanStateMachineB7AE29E4-Xy12:${name}`);
  });

  it('takes the state machine from RESCAN_STATE_MACHINE_ARN, and asks for one when there is none', async () => {
    const { sfn, started } = stepFunctions();
    expect(await rescan([`s3://${pipeline.bucket}`, '--in-aws'], { sfn })).toBe(2);
    expect(output.join('\n')).toMatch(/needs the rescan state machine's ARN/);
    expect(started.size).toBe(0);
    process.env.RESCAN_STATE_MACHINE_ARN = STATE_MACHINE;
    expect(await rescan([`s3://${pipeline.bucket}`, '--endpoint-url', pipeline.endpoint, '--in-aws'], { sfn })).toBe(0);
    expect(JSON.parse([...started.values()][0]!)).toMatchObject({ maxItems: null });
  });

  it('reports a refused start as a failure', async () => {
    const { sfn } = stepFunctions();
    const code = await rescan([`s3://${pipeline.bucket}`, '--in-aws', '--state-machine-arn', `${STATE_MACHINE}-gone`], { sfn });
    expect(code).toBe(1);
    expect(output.join('\n')).toMatch(/StateMachineDoesNotExist/);
  });

  it('prints the progress of an execution: its status and the counts of its outcome objects', async () => {
    const { sfn, calls } = stepFunctions();
    await rescan([`s3://${pipeline.bucket}`, '--endpoint-url', pipeline.endpoint, '--in-aws', '--state-machine-arn', STATE_MACHINE], { sfn });
    const executionArn = output[0]!;
    const rescanId = rescanIdOf(executionArn)!;
    const record = (key: string, outcome: Parameters<typeof recordRescanOutcome>[2]) =>
      recordRescanOutcome(pipeline.s3, { bucket: pipeline.bucket, key, rescanId }, outcome);
    await record('contracts/a.txt', { key: 'contracts/a.txt', result: 'skipped', decision: { action: 'skip', reason: 'current' } });
    await record('contracts/b.txt', { key: 'contracts/b.txt', result: 'failed', message: 'SlowDown: slow down' });
    output = [];
    expect(await rescan([`s3://${pipeline.bucket}`, '--endpoint-url', pipeline.endpoint, '--status', executionArn], { sfn })).toBe(1);
    expect(calls).toEqual(['StartExecution', 'DescribeExecution']);
    expect(output.join('\n')).toContain(`Rescan ${rescanId} (execution RUNNING):`);
    expect(output.join('\n')).toContain('scanned 2, re-analyzed 0, skipped 1 already current and 0 for another reason');
    expect(output.join('\n')).toContain('errors 1');
  });

  it('makes rescan ids that are valid execution names and unique', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newRescanId(new Date('2026-12-04T20:00:00Z'))));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(EXECUTION_NAME);
    expect(rescanIdOf('arn:aws:states:eu-west-1:1:execution:sm:rescan-1')).toBe('rescan-1');
    expect(rescanIdOf('a/b')).toBeNull();
  });
});
