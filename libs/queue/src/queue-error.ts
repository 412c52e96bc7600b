import { ForgeError } from '@forge/errors';

/** The queue (Redis) cannot be used: unreachable, refused, or holding something we cannot read. */
export class QueueError extends ForgeError {}
