// The sandbox's own endpoints for tests and trainers: the ledger and members (always on, read-only), and fault
// injection (only when the sandbox was started with faults enabled).
import { header, type ApiRequest } from './api-request.ts';
import { RmRefusal, SandboxOptionsError } from './errors.ts';
import { parseFault } from './faults.ts';
import { parseJsonBody } from './json-body.ts';
import { memberItem } from './member-view.ts';
import { successReply, type Reply } from './reply.ts';
import type { SandboxState } from './state.ts';

export function listLedger(_request: ApiRequest, state: SandboxState): Reply {
  return successReply({ items: state.loyalty.ledger.list() });
}

export function listMembers(_request: ApiRequest, state: SandboxState): Reply {
  return successReply({ items: state.loyalty.members.list().map(memberItem) });
}

export function showFault(_request: ApiRequest, state: SandboxState): Reply {
  return successReply({ item: state.faults.current() });
}

export function setFault(request: ApiRequest, state: SandboxState): Reply {
  const body = parseJsonBody(request.body, header(request, 'content-type'), 'VALIDATION_ERROR');
  let fault;
  try {
    fault = parseFault(body);
  } catch (error) {
    if (error instanceof SandboxOptionsError) throw new RmRefusal(400, 'VALIDATION_ERROR', error.message);
    throw error;
  }
  if (fault.mode === 'refuse') {
    state.faults.set(null);
    const durationMs = fault.durationMs;
    // Answer first, then stop listening: the caller learns the fault took effect.
    return { ...successReply({ item: fault }), afterSend: () => state.refuseFor(durationMs) };
  }
  state.faults.set(fault);
  return successReply({ item: fault });
}

export function clearFault(_request: ApiRequest, state: SandboxState): Reply {
  state.faults.set(null);
  return successReply();
}
