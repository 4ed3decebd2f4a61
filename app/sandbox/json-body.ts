// Turning request bytes into the JSON object RM expects, refusing anything else with a message that says what was
// wrong: the content type, the UTF-8, the JSON itself, or a body that is not an object.
import { RmRefusal } from './errors.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** An empty body is `{}`: RM's docs send `{}` and nothing interchangeably for calls without parameters. */
export function parseJsonBody(bytes: Buffer, contentType: string | undefined, errorCode: string): Record<string, unknown> {
  if (bytes.length === 0) return {};
  if (!isJsonContentType(contentType)) {
    throw new RmRefusal(415, errorCode, `Content-Type must be application/json (got ${contentType ?? 'none'}).`);
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new RmRefusal(400, errorCode, 'The body is not valid UTF-8 text.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RmRefusal(400, errorCode, `The body is not valid JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RmRefusal(400, errorCode, 'The body must be a JSON object ({...}).');
  }
  return value as Record<string, unknown>;
}

export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}
