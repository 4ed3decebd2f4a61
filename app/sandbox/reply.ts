// What a handler answers: a status, a content type and the exact text to send. Built here so every route answers
// the same way (JSON envelopes for the API, HTML for the claim page).
import { errorEnvelope, type RmRefusal } from './errors.ts';

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  headers?: Record<string, string>;
  /** The RM code for the request log: SUCCESS or the error code. */
  code: string;
  /** Runs once the answer has been handed to the socket. */
  afterSend?: () => void;
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, contentType: 'application/json', text: JSON.stringify(body), headers, code: 'SUCCESS' };
}

export function successReply(fields: Record<string, unknown> = {}): Reply {
  return jsonReply(200, { ...fields, code: 'SUCCESS' });
}

export function errorReply(error: RmRefusal, headers?: Record<string, string>): Reply {
  return { ...jsonReply(error.status, errorEnvelope(error), headers), code: error.code };
}

export function htmlReply(status: number, html: string, headers: Record<string, string>): Reply {
  return { status, contentType: 'text/html; charset=utf-8', text: html, headers, code: String(status) };
}
