// The merchant applications registered with the sandbox, as in RM's portal (Developer > Applications): a client id,
// a client secret, and the public key the merchant uploaded (or none yet).
import { createHash, timingSafeEqual, type KeyObject } from 'node:crypto';
import { RmRefusal, SandboxOptionsError } from './errors.ts';
import { readUploadedPublicKey } from './rm-signature.ts';

export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  publicKeyPem: string | null;
}

export interface RegisteredApp {
  clientId: string;
  publicKey: KeyObject | null;
}

interface StoredApp extends RegisteredApp {
  secretDigest: Buffer;
}

const BASIC_AUTH = /^Basic\s+([A-Za-z0-9+/=]+)$/i;

export class AppRegistry {
  private readonly apps = new Map<string, StoredApp>();

  /** Adds an application, or replaces the one with the same client id. */
  register(app: SandboxApp): void {
    if (typeof app.clientId !== 'string' || !/^[\x21-\x7e]+$/.test(app.clientId) || app.clientId.includes(':')) {
      throw new SandboxOptionsError('An app clientId must be printable text without spaces or ":".');
    }
    if (typeof app.clientSecret !== 'string' || app.clientSecret === '') {
      throw new SandboxOptionsError(`App ${app.clientId}: clientSecret must not be empty.`);
    }
    this.apps.set(app.clientId, {
      clientId: app.clientId,
      secretDigest: digest(app.clientSecret),
      publicKey: app.publicKeyPem === null ? null : loadAppKey(app),
    });
  }

  get(clientId: string): RegisteredApp | undefined {
    const app = this.apps.get(clientId);
    return app ? { clientId: app.clientId, publicKey: app.publicKey } : undefined;
  }

  /** Checks an `Authorization: Basic base64(clientId:clientSecret)` header as RM's OAuth endpoint does. */
  authenticate(authorization: string | undefined): RegisteredApp {
    const match = BASIC_AUTH.exec(authorization ?? '');
    if (!match?.[1]) {
      throw invalidClient('Send "Authorization: Basic base64(clientId:clientSecret)".');
    }
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw invalidClient('The Basic credentials must be "clientId:clientSecret", base64-encoded.');
    const app = this.apps.get(decoded.slice(0, colon));
    if (!app || !timingSafeEqual(app.secretDigest, digest(decoded.slice(colon + 1)))) {
      throw invalidClient('Unknown client id or wrong client secret.');
    }
    return { clientId: app.clientId, publicKey: app.publicKey };
  }
}

function loadAppKey(app: SandboxApp): KeyObject {
  try {
    return readUploadedPublicKey(app.publicKeyPem ?? '');
  } catch (error) {
    throw new SandboxOptionsError(`App ${app.clientId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// Comparing digests of equal length keeps the comparison constant-time whatever the secret's length.
function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function invalidClient(message: string): RmRefusal {
  return new RmRefusal(401, 'INVALID_CLIENT', message);
}
