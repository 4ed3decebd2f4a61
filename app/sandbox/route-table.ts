// Every path the sandbox answers. The RM API (OAuth + Open API) is faultable; the sandbox's own pages are not, so a
// test can always read the ledger or clear a fault.
import type { ApiRequest } from './api-request.ts';
import { showClaim, submitClaim } from './claim-routes.ts';
import { clearFault, listLedger, listMembers, setFault, showFault } from './control.ts';
import {
  calculateSpendingReward,
  cancelSpendingReward,
  checkMember,
  deductLoyaltyPoints,
  getMember,
  getMemberHistory,
  getProfileByPhone,
  giveLoyaltyPoints,
  getSpendingReward,
  requireLoyaltySubscription,
  spendingReward,
  type LoyaltyHandler,
} from './loyalty.ts';
import { handleTokenRequest } from './oauth.ts';
import type { Reply } from './reply.ts';
import type { Route } from './router.ts';
import type { SandboxState } from './state.ts';
import { verifyOpenApiRequest } from './verify.ts';

export function buildRoutes(faultEndpoints: boolean): Route[] {
  const routes: Route[] = [
    rm('POST', '/v1/token', (request, state) => handleTokenRequest(request, state.apps, state.tokens)),
    rm('POST', '/v3/loyalty/spending-reward', openApi(spendingReward)),
    rm('POST', '/v3/loyalty/spending-reward/calculate', openApi(calculateSpendingReward)),
    rm('POST', '/v3/loyalty/spending-reward/cancel', openApi(cancelSpendingReward)),
    rm('GET', '/v3/loyalty/spending-reward/:id', openApi(getSpendingReward)),
    rm('GET', '/v3/loyalty/member/:memberId', openApi(getMember)),
    rm('GET', '/v3/loyalty/member/:memberId/history', openApi(getMemberHistory)),
    rm('GET', '/v3/loyalty/me', openApi(getProfileByPhone)),
    rm('POST', '/v3/loyalty/member/check', openApi(checkMember)),
    rm('POST', '/v3/loyalty/reward', openApi(giveLoyaltyPoints)),
    rm('DELETE', '/v3/loyalty/reward', openApi(deductLoyaltyPoints)),
    own('GET', '/claim/:id', showClaim),
    own('POST', '/claim/:id', submitClaim),
    own('GET', '/sandbox/ledger', listLedger),
    own('GET', '/sandbox/members', listMembers),
  ];
  if (faultEndpoints) {
    routes.push(
      own('GET', '/sandbox/faults', showFault),
      own('POST', '/sandbox/faults', setFault),
      own('DELETE', '/sandbox/faults', clearFault),
    );
  }
  return routes;
}

function openApi(handler: LoyaltyHandler): (request: ApiRequest, state: SandboxState) => Reply {
  return (request, state) => {
    const verified = verifyOpenApiRequest(request, state);
    requireLoyaltySubscription(state.loyalty);
    return handler(request, verified, state.loyalty);
  };
}

function rm(method: string, path: string, handle: Route['handle']): Route {
  return { method, path, faultable: true, handle };
}

function own(method: string, path: string, handle: Route['handle']): Route {
  return { method, path, faultable: false, handle };
}
