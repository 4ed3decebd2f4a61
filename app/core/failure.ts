// A refusal a handler means to give: a contract error code and a message for the person at the counter, always with
// the message's code (app/messages.ts) and parameters, so every language's catalogue can say it.
import type { ErrorCode } from '../contract.ts';
import { say, type MessageParams } from '../messages.ts';
import type { SecretStoreError } from '../secrets.ts';

export interface RefusalExtra {
  key: string;
  params?: MessageParams;
  field?: string;
  rmCode?: string;
}

export class Refusal extends Error {
  readonly code: ErrorCode;
  readonly extra: RefusalExtra;
  /**
   * `message` is the English the command line and the English screens show: say(key, params), or words with more
   * detail than the code's own (the keychain's advice for this platform, RM's message).
   */
  constructor(
    code: ErrorCode,
    message: string,
    extra: RefusalExtra,
  ) {
    super(message);
    this.code = code;
    this.extra = extra;
    this.name = 'Refusal';
  }

  /** A refusal in the words of a message code (app/messages.ts), which the screens translate. */
  static say(code: ErrorCode, key: string, params: MessageParams = {}, extra: { field?: string; rmCode?: string } = {}): Refusal {
    return new Refusal(code, say(key, params), { ...extra, key, params });
  }

  /** The keychain could not be used: its advice for this platform in English, its code for the other languages. */
  static keychain(error: SecretStoreError): Refusal {
    return new Refusal('KEYCHAIN', error.message, { key: `keychain.${error.code}` });
  }
}
