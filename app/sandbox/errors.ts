// Refusals as Revenue Monster answers them: an UPPER_SNAKE code, a human message, an HTTP status and, in a sandbox, an
// optional debug block. Handlers throw these; the server turns them into the `{"error":{...}}` envelope. The client's
// reading of such an answer (what it means for an award) is app/rm/errors.ts's RmError, on purpose not shared: the
// sandbox is written from RM's documents, not from the client.

export class RmRefusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly debug?: unknown;
  constructor(
    status: number,
    code: string,
    message: string,
    debug?: unknown,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.debug = debug;
    this.name = 'RmRefusal';
  }
}

export interface ErrorEnvelope {
  error: { code: string; message: string; debug?: unknown };
}

export function errorEnvelope(error: RmRefusal): ErrorEnvelope {
  const body: ErrorEnvelope['error'] = { code: error.code, message: error.message };
  if (error.debug !== undefined) body.debug = error.debug;
  return { error: body };
}

export function validationError(field: string, problem: string): RmRefusal {
  return new RmRefusal(400, 'VALIDATION_ERROR', `${field}: ${problem}`);
}

/** A sandbox started or changed with settings that cannot work; the message says which and why. */
export class SandboxOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxOptionsError';
  }
}
