// The list pages through every kind of broken answer (faults.mjs's FAULTS), against real n8n behind the
// fault-injecting gateway: each ends readable, with the right content (the same as without the
// fault) or a clear alert without any raw body, and then gets back to the right content.
import { faultMatrix, useBrowser } from './faults.mjs';

faultMatrix(useBrowser(), ['Workflows', 'Executions', 'Tags', 'Variables']);
