// The checks RM makes on every Open API request, in RM's order: bearer token, the app's public key, the timestamp, the
// nonce, then the signature over the body as the sandbox re-encodes it (docs/revenue-monster.md, Signatures;
// rm-signature.ts).
import type { KeyObject } from 'node:crypto';
import { header, type ApiRequest } from './api-request.ts';
import type { AppRegistry, RegisteredApp } from './apps.ts';
import { RmRefusal, validationError } from './errors.ts';
import { parseJsonBody } from './json-body.ts';
import type { NonceBook } from './nonces.ts';
import { BodyFormError, goJson, signatureValid, signedText } from './rm-signature.ts';
import type { TokenStore } from './tokens.ts';

export const TIMESTAMP_TOLERANCE_SECONDS = 120;
const UNIX_SECONDS = /^\d{1,11}$/;
const NONCE = /^[\x21-\x7e]{1,128}$/;

export interface VerifiedRequest {
  app: RegisteredApp;
  body: Record<string, unknown>;
  nonce: string;
}

export interface Verifiers {
  tokens: TokenStore;
  apps: AppRegistry;
  nonces: NonceBook;
}

export function verifyOpenApiRequest(request: ApiRequest, verifiers: Verifiers): VerifiedRequest {
  const clientId = verifiers.tokens.authenticate(header(request, 'authorization'), request.nowMs);
  const app = verifiers.apps.get(clientId);
  if (!app) throw new RmRefusal(401, 'TOKEN_INVALID', 'The application behind this token is no longer registered.');
  const publicKey = app.publicKey;
  if (!publicKey) {
    throw new RmRefusal(
      400,
      'CLIENT_NOT_SET_PUBLIC_KEY',
      'This application has no public key. Upload your public key (Developer > Applications) and try again.',
    );
  }
  const timestamp = checkTimestamp(header(request, 'x-timestamp'), request.nowMs);
  const nonce = checkNonce(header(request, 'x-nonce-str'), app.clientId, request.nowMs, verifiers.nonces);
  const body = checkSignature(request, { nonce, timestamp, publicKey });
  verifiers.nonces.remember(app.clientId, nonce, request.nowMs);
  return { app, body, nonce };
}

function checkTimestamp(value: string | undefined, nowMs: number): string {
  if (value === undefined || !UNIX_SECONDS.test(value)) {
    const hint = value !== undefined && /^\d{13}$/.test(value) ? ' This looks like milliseconds.' : '';
    throw new RmRefusal(400, 'INVALID_TIMESTAMP', `X-Timestamp must be Unix time in seconds, e.g. "1700000000".${hint}`);
  }
  const serverSeconds = Math.floor(nowMs / 1000);
  const difference = Number(value) - serverSeconds;
  if (Math.abs(difference) > TIMESTAMP_TOLERANCE_SECONDS) {
    const direction = difference < 0 ? 'behind' : 'ahead of';
    throw new RmRefusal(
      400,
      'INVALID_TIMESTAMP',
      `X-Timestamp ${value} is ${Math.abs(difference)} s ${direction} the server clock (${serverSeconds}); at most ` +
        `${TIMESTAMP_TOLERANCE_SECONDS} s is allowed. Set this computer's clock to the right time.`,
    );
  }
  return value;
}

function checkNonce(value: string | undefined, clientId: string, nowMs: number, nonces: NonceBook): string {
  if (value === undefined || !NONCE.test(value)) {
    throw validationError('X-Nonce-Str', 'must be a fresh random string without spaces (32 letters and digits).');
  }
  if (nonces.wasSeen(clientId, value, nowMs)) {
    // RM documents no code for a replayed nonce; the sandbox uses its own, distinct from every documented one.
    throw new RmRefusal(
      400,
      'NONCE_ALREADY_USED',
      'This X-Nonce-Str was already used in the last 120 s. Every attempt needs a fresh nonce and timestamp.',
    );
  }
  return value;
}

interface SignatureInputs {
  nonce: string;
  timestamp: string;
  publicKey: KeyObject;
}

function checkSignature(request: ApiRequest, inputs: SignatureInputs): Record<string, unknown> {
  const body = parseJsonBody(request.body, header(request, 'content-type'), 'VALIDATION_ERROR');
  const bodyJson = reencode(body);
  const text = signedText({
    method: request.method,
    requestUrl: request.origin + request.rawUrl,
    nonceStr: inputs.nonce,
    timestamp: inputs.timestamp,
    bodyJson,
  });
  const signature = header(request, 'x-signature');
  if (signature === undefined || !signatureValid(text, signature, inputs.publicKey)) {
    const problem = signature === undefined ? 'X-Signature is missing.' : 'The signature does not match.';
    const sent = bodyJson !== '{}';
    throw new RmRefusal(
      400,
      'INVALID_REQUEST_SIGNATURE',
      `${problem} X-Signature is "sha256", one space, then the standard base64 of the signature (with its = padding). ` +
        'Compare your string to sign with debug.plainText.',
      {
        canonicalJson: sent ? bodyJson : '',
        base64: sent ? Buffer.from(bodyJson, 'utf8').toString('base64') : '',
        plainText: text,
      },
    );
  }
  return body;
}

function reencode(body: Record<string, unknown>): string {
  try {
    return goJson(body);
  } catch (error) {
    if (error instanceof BodyFormError) throw validationError(error.field, error.problem);
    throw error;
  }
}
