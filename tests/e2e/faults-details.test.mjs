// The detail pages and API keys (on real n8n's editor endpoints, and on the seeds' endpoints that only
// the fake n8n has) through every kind of broken answer (faults.mjs's FAULTS), behind the
// fault-injecting gateway: each ends readable, with the right content (the same as without the
// fault) or a clear alert without any raw body, and then gets back to the right content.
import { faultMatrix, useBrowser } from './faults.mjs';

faultMatrix(useBrowser(), ['Workflow detail', 'Execution detail', 'API keys', 'API keys (fake n8n)']);
