// A refusal a handler means to give: a contract error code and a message for the person at the counter.
import type { ErrorCode } from '../contract.ts';

export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; rmCode?: string } = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
