import { ForgeError } from '@forge/errors';

/** A channel that the workspace does not have; the message names it. */
export class UnknownChannelError extends ForgeError {
  readonly channel: string;

  constructor(channel: string, workspace: string) {
    super({ problem: `unknown channel ${channel} in ${workspace}`, hint: 'call list_slack_channels for the channel names' });
    this.channel = channel;
  }
}

/** The Slack Web API refused a call or could not be reached. */
export class SlackApiError extends ForgeError {
  readonly method: string;
  readonly slackError: string;

  constructor(details: { method: string; slackError: string; retryable: boolean; cause?: unknown }) {
    super({
      problem: `Slack API ${details.method} failed: ${details.slackError}`,
      retryable: details.retryable,
      cause: details.cause,
    });
    this.method = details.method;
    this.slackError = details.slackError;
  }
}
