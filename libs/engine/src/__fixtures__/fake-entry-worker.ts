/**
 * An entry worker module for the worker-thread tests: serves the fake pipeline. Settings:
 * { delayMs?: number, failStart?: string }. A prompt containing [worker-crash] makes the thread throw outside any
 * entry (an uncaught exception), so the thread dies with whatever it was running. With relay true, every quote's
 * price comes from the main thread's "price" relay.
 */
import type { ToolCaller } from '@forge/tools';
import { serveEntries } from '../index.ts';
import { createFakePipeline } from './fake-pipeline.ts';

interface Settings {
  delayMs?: number;
  failStart?: string;
  relay?: boolean;
}

await serveEntries(async (settings, main) => {
  const { delayMs = 0, failStart, relay } = settings as Settings;
  if (failStart) throw new Error(failStart);
  const { pipeline } = createFakePipeline({ delayMs: () => delayMs });
  const plan = pipeline.planner.plan.bind(pipeline.planner);
  pipeline.planner.plan = async (request) => {
    if (request.entry.user_prompt.includes('[worker-crash]')) {
      setImmediate(() => {
        throw new Error('the worker thread blew up');
      });
      await new Promise(() => undefined);
    }
    return plan(request);
  };
  const tools: ToolCaller = pipeline.tools;
  const relayed: ToolCaller = {
    inventory: () => tools.inventory(),
    call: async (server, tool, args, options) => {
      const result = await tools.call(server, tool, args, options);
      if (!result.ok || !relay) return result;
      const price = (await main.call('price', { symbol: args.symbol })) as { price: number };
      return { ...result, structuredContent: price, text: JSON.stringify(price) };
    },
  };
  return { pipeline: { ...pipeline, tools: relayed }, close: async () => undefined };
});
