import { describe, expect, it } from 'vitest';
import { backendFor, backendVariable, parseServerArgs } from '@forge/mcp-host';

describe('backendFor (MCP_BACKEND_<SERVER> over MCP_BACKEND)', () => {
  it('lets one server run live over a frozen world: the per-server variable wins over the global one', () => {
    const env = { MCP_BACKEND: 'snapshot', MCP_BACKEND_SLACK: 'live' };
    expect(backendFor('slack', env)).toBe('live');
    expect(backendFor('polygon', env)).toBe('snapshot');
    expect(backendFor('polygon', { MCP_BACKEND: 'live', MCP_BACKEND_POLYGON: 'snapshot' })).toBe('snapshot');
    expect(backendFor('fmp', {})).toBe('snapshot');
  });

  it('puts an explicit --backend flag above both variables', () => {
    expect(backendFor('slack', { MCP_BACKEND_SLACK: 'live' }, 'snapshot')).toBe('snapshot');
  });

  it('names the variable that holds a bad value', () => {
    expect(() => backendFor('slack', { MCP_BACKEND_SLACK: 'lve' })).toThrow(/MCP_BACKEND_SLACK.*snapshot \| live.*lve/);
    expect(() => backendFor('slack', { MCP_BACKEND: 'frozen' })).toThrow(/MCP_BACKEND\b.*frozen/);
  });

  it('derives the variable from the server name', () => {
    expect(backendVariable('slack')).toBe('MCP_BACKEND_SLACK');
    expect(backendVariable('my-server')).toBe('MCP_BACKEND_MY_SERVER');
  });

  it('is what a server entry reads when it knows its name', () => {
    expect(parseServerArgs([], { MCP_BACKEND: 'snapshot', MCP_BACKEND_SLACK: 'live' }, 'slack').backend).toBe('live');
    expect(parseServerArgs([], { MCP_BACKEND: 'snapshot', MCP_BACKEND_SLACK: 'live' }, 'tavily').backend).toBe('snapshot');
  });
});
