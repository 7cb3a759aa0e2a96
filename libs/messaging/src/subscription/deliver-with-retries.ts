import { type IncomingMessage } from '@maestro/application';
import { describeError, type MessagingLog } from '../messaging-log';
import { backoffMs, type RetryPolicy } from './retry-policy';

export interface FailedMessage {
  readonly message: IncomingMessage;
  readonly error: unknown;
}

export type DeliveryOutcome =
  /** Every message was handled, except `failed` ones, which the caller dead-letters. */
  | { readonly kind: 'handled'; readonly failed: readonly FailedMessage[] }
  /** The delivery was abandoned (stopping, partition revoked): commit nothing, let it be redelivered. */
  | { readonly kind: 'interrupted' };

export interface DeliveryContext {
  readonly handleBatch: (messages: readonly IncomingMessage[]) => Promise<void>;
  readonly policy: RetryPolicy;
  /** False once the messages should be left for redelivery instead of retried. */
  readonly isActive: () => boolean;
  /** Waits between attempts; may return early when the delivery stops. */
  readonly pause: (ms: number) => Promise<void>;
  readonly log: MessagingLog;
}

type AttemptOutcome = { readonly kind: 'ok' } | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Hands one partition's batch to the handler, retrying with backoff while it rejects. When the batch
 * keeps failing, its messages are retried one at a time, in order, so only the messages that fail on
 * their own are given up on (and dead-lettered by the caller) while the others are handled.
 */
export async function deliverWithRetries(
  messages: readonly IncomingMessage[],
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  if (messages.length === 0) return { kind: 'handled', failed: [] };
  const whole = await attemptUntilGivenUp(messages, context);
  if (whole === 'interrupted') return { kind: 'interrupted' };
  if (whole.kind === 'ok') return { kind: 'handled', failed: [] };
  const [only] = messages;
  if (messages.length === 1 && only)
    return { kind: 'handled', failed: [{ message: only, error: whole.error }] };

  context.log(
    'warn',
    'batch keeps failing; handling its messages one at a time to isolate the failing ones',
    {
      ...describeBatch(messages),
      error: describeError(whole.error),
    },
  );
  const failed: FailedMessage[] = [];
  for (const message of messages) {
    const single = await attemptUntilGivenUp([message], context);
    if (single === 'interrupted') return { kind: 'interrupted' };
    if (single.kind === 'failed') failed.push({ message, error: single.error });
  }
  return { kind: 'handled', failed };
}

async function attemptUntilGivenUp(
  messages: readonly IncomingMessage[],
  context: DeliveryContext,
): Promise<AttemptOutcome | 'interrupted'> {
  for (let attempt = 1; ; attempt++) {
    try {
      await context.handleBatch(messages);
      return { kind: 'ok' };
    } catch (error) {
      const fields = {
        ...describeBatch(messages),
        attempt,
        maxAttempts: context.policy.maxAttempts,
        error: describeError(error),
      };
      if (attempt >= context.policy.maxAttempts) {
        context.log('warn', 'handler keeps failing; giving up on these messages', fields);
        return { kind: 'failed', error };
      }
      const waitMs = backoffMs(context.policy, attempt);
      context.log('warn', 'handler failed; retrying', { ...fields, retryInMs: waitMs });
      await context.pause(waitMs);
      if (!context.isActive()) {
        context.log(
          'info',
          'delivery interrupted; the messages will be redelivered',
          describeBatch(messages),
        );
        return 'interrupted';
      }
    }
  }
}

function describeBatch(messages: readonly IncomingMessage[]): Record<string, unknown> {
  const first = messages[0];
  const last = messages[messages.length - 1];
  return {
    topic: first?.topic,
    partition: first?.partition,
    firstOffset: first?.offset,
    lastOffset: last?.offset,
    messages: messages.length,
  };
}
