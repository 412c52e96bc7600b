export { createPythonServer } from './create-python-server.ts';
export { ExecutePythonInputSchema, ExecutePythonOutputSchema } from './execute-python.ts';
export type { ExecutePythonOutput } from './execute-python.ts';
export { startPythonSandbox, sandboxNodeArguments } from './sandbox/start-python-sandbox.ts';
export type { PythonSandbox, PythonRunRequest, PythonRunOutput } from './sandbox/start-python-sandbox.ts';
export { PythonSandboxOptionsSchema } from './sandbox/python-sandbox-options.ts';
export type { PythonSandboxOptions, PythonSandboxOptionsInput } from './sandbox/python-sandbox-options.ts';
export { PythonSandboxError } from './sandbox/python-sandbox-error.ts';
export type { PythonFailureKind } from './sandbox/python-sandbox-error.ts';
