// A refusal a handler means to give: a contract error code and a message for the person at the counter.
import type { ErrorCode } from '../contract.ts';
import { say, type MessageParams } from '../messages.ts';

export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; rmCode?: string; key?: string; params?: MessageParams } = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }

  /** A refusal in the words of a message code (app/messages.ts), which the screens translate. */
  static say(code: ErrorCode, key: string, params: MessageParams = {}, extra: { field?: string; rmCode?: string } = {}): Refusal {
    return new Refusal(code, say(key, params), { ...extra, key, params });
  }
}
