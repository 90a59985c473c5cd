// The parts of undici the gateway uses, imported one by one. `import 'undici'` evaluates all of
// it — fetch, WebSocket, caches, mocks: 110 modules, ~75 ms and ~4 MB of heap more at start —
// where these four need 27. undici has no exports map, so these paths are public to Node.
import AgentClass from 'undici/lib/dispatcher/agent.js';
import PoolClass from 'undici/lib/dispatcher/pool.js';
import ProxyAgentClass from 'undici/lib/dispatcher/proxy-agent.js';
import undiciErrors from 'undici/lib/core/errors.js';

export const Agent = AgentClass;
export type Agent = InstanceType<typeof AgentClass>;
export const Pool = PoolClass;
export const ProxyAgent = ProxyAgentClass;
export const errors = undiciErrors;
