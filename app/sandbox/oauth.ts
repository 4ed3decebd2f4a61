// POST /v1/token: RM's OAuth client-credentials and refresh-token grants (docs/revenue-monster.md, OAuth).
import { header, type ApiRequest } from './api-request.ts';
import type { AppRegistry } from './apps.ts';
import { RmRefusal } from './errors.ts';
import { parseJsonBody } from './json-body.ts';
import { jsonReply, type Reply } from './reply.ts';
import type { TokenStore } from './tokens.ts';

export function handleTokenRequest(request: ApiRequest, apps: AppRegistry, tokens: TokenStore): Reply {
  const app = apps.authenticate(header(request, 'authorization'));
  const body = parseJsonBody(request.body, header(request, 'content-type'), 'VALIDATION_ERROR');
  const grantType = body.grantType;
  if (grantType === 'client_credentials') {
    return jsonReply(200, tokens.issue(app.clientId, request.nowMs));
  }
  if (grantType === 'refresh_token') {
    const refreshToken = body.refreshToken;
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw new RmRefusal(400, 'INVALID_GRANT', 'refreshToken is missing; send the newest refresh token you were given.');
    }
    return jsonReply(200, tokens.rotate(app.clientId, refreshToken, request.nowMs));
  }
  throw new RmRefusal(
    400,
    'GRANT_TYPE_INVALID',
    'grantType must be "client_credentials" or "refresh_token" (camelCase JSON field, not a form).',
  );
}
