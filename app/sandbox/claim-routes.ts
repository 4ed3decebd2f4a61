// GET /claim/<id> shows the claim page; POST /claim/<id> (a plain form post from that page) credits the points once,
// to a demo member picked from the list or to the member with the phone number typed in.
import { header, type ApiRequest } from './api-request.ts';
import { applyAward } from './apply-award.ts';
import { CLAIM_PAGE_HEADERS, renderClaimPage, type ClaimPageModel } from './claim-page.ts';
import type { QrClaim } from './claims.ts';
import type { SandboxMember } from './members.ts';
import { htmlReply, type Reply } from './reply.ts';
import type { SandboxState } from './state.ts';
import { rmTimestamp } from './time.ts';

export function showClaim(request: ApiRequest, state: SandboxState): Reply {
  const claim = state.loyalty.claims.get(request.params.id ?? '');
  if (!claim) return page(404, { claim, notice: { kind: 'error', text: 'This QR code is not known here.' } });
  if (claim.state !== 'open') return closedPage(200, claim);
  return page(200, { claim, members: state.loyalty.members.list() });
}

export function submitClaim(request: ApiRequest, state: SandboxState): Reply {
  const { claims, members, ledger } = state.loyalty;
  const claim = claims.get(request.params.id ?? '');
  if (!claim) return page(404, { claim, notice: { kind: 'error', text: 'This QR code is not known here.' } });
  if (claim.state !== 'open') return closedPage(claim.state === 'claimed' ? 409 : 410, claim);
  const openPage = (status: number, text: string): Reply =>
    page(status, { claim, notice: { kind: 'error', text }, members: members.list() });
  if ((header(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    return openPage(415, 'Please use the form on this page.');
  }
  const claimant = findClaimant(new URLSearchParams(request.body.toString('utf8')), state);
  if ('refusal' in claimant) return openPage(claimant.status, claimant.refusal);
  const credited = applyAward(
    {
      kind: claim.kind,
      memberId: claimant.member.memberId,
      amount: claim.amount,
      points: claim.points,
      nonce: claim.nonce,
      type: 'QRCODE',
      createdAt: rmTimestamp(request.nowMs),
      spendingRewardId: claim.id,
    },
    members,
    ledger,
  );
  claims.markClaimed(claim.id, claimant.member.memberId);
  const text = `${claim.points} points credited to ${credited.name}. New balance: ${credited.loyaltyPoint} points.`;
  return page(200, { claim, notice: { kind: 'success', text } });
}

type Claimant = { member: SandboxMember } | { status: number; refusal: string };

/** The member the form names, or why it names none. */
function findClaimant(form: URLSearchParams, state: SandboxState): Claimant {
  const { members } = state.loyalty;
  const memberId = form.get('memberId')?.trim();
  if (memberId) return found(members.byId(memberId), 'That member is not known here.');
  const typed = form.get('phoneNumber')?.trim();
  if (!typed) return { status: 400, refusal: 'Pick a demo member or enter your phone number.' };
  const countryCode = form.get('countryCode')?.trim() || '60';
  const phoneNumber = nationalNumber(typed, countryCode);
  if (!/^\d{6,14}$/.test(phoneNumber)) {
    return { status: 400, refusal: 'That does not look like a phone number; type digits only.' };
  }
  return found(members.byPhone(countryCode, phoneNumber), `No member has the phone number +${countryCode} ${phoneNumber}.`);
}

function found(member: SandboxMember | undefined, refusal: string): Claimant {
  return member ? { member } : { status: 404, refusal };
}

/** People type numbers the way they write them (017-282 6990, +60 17...); RM wants the national digits. */
export function nationalNumber(typed: string, countryCode: string): string {
  let digits = typed.replace(/[\s\-().]/g, '');
  if (digits.startsWith(`+${countryCode}`)) digits = digits.slice(countryCode.length + 1);
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

function closedPage(status: number, claim: QrClaim): Reply {
  const text =
    claim.state === 'claimed'
      ? 'These points were already claimed. Nothing more was credited.'
      : 'The shop cancelled this award, so there are no points to claim.';
  return page(status, { claim, notice: { kind: 'info', text } });
}

function page(status: number, model: ClaimPageModel): Reply {
  return htmlReply(status, renderClaimPage(model), CLAIM_PAGE_HEADERS);
}
