export { startFakeOpenAI } from './start-fake-openai.ts';
export type { FakeOpenAI, FakeOpenAIOptions, FakeReply, FakeScript, FakeUsage, RecordedRequest } from './fake-reply.ts';
