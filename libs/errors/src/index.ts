export { ForgeError, ConfigError, isRetryable, formatProblem, formatLocation, describeReceived } from './forge-error.ts';
export type { ErrorContext } from './forge-error.ts';
