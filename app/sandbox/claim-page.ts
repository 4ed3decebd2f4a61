// The page a customer's phone opens from the QR code: the purchase, the points, and a way to say who they are.
// Everything shown is escaped; the page loads nothing from anywhere and runs no script, and its CSP says so.
import { createHash } from 'node:crypto';
import type { QrClaim } from './claims.ts';
import type { SandboxMember } from './members.ts';
import { formatRinggit } from '../common/money.ts';

export type NoticeKind = 'success' | 'error' | 'info';

export interface ClaimPageModel {
  claim: QrClaim | undefined;
  notice?: { kind: NoticeKind; text: string };
  /** Show the forms (only while the claim is open). */
  members?: readonly SandboxMember[];
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;padding:1rem;background:#f6f7f9;color:#1c1e21}
main{max-width:28rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.35rem;margin:0 0 .75rem}
.facts{display:flex;gap:1rem;margin:0 0 1rem}.facts div{flex:1;background:#eef2f7;border-radius:8px;padding:.6rem}
.facts dt{font-size:.8rem;color:#555}.facts dd{margin:0;font-size:1.3rem;font-weight:600}
form{margin:1rem 0;display:grid;gap:.5rem}label{font-weight:600}
select,input,button{font-size:1rem;padding:.65rem;border-radius:8px;border:1px solid #bbb;width:100%;box-sizing:border-box}
button{background:#0b5cff;color:#fff;border:0;font-weight:600}
.phone{display:flex;gap:.4rem;align-items:center}.phone span{white-space:nowrap}
.notice{padding:.75rem;border-radius:8px;margin:0 0 1rem}.success{background:#e3f6e8}.error{background:#fde8e8}
.info{background:#eef2f7}footer{margin-top:1.25rem;font-size:.8rem;color:#666}
`;

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

export const CLAIM_PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export function renderClaimPage(model: ClaimPageModel): string {
  const parts = [
    '<h1>Collect your loyalty points</h1>',
    model.claim ? facts(model.claim) : '',
    model.notice ? `<p class="notice ${model.notice.kind}" role="status">${escapeHtml(model.notice.text)}</p>` : '',
    model.claim && model.members ? forms(model.claim, model.members) : '',
    '<footer>Kaunter training sandbox: these are practice points, not real Revenue Monster points.</footer>',
  ];
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>Collect your points</title><style>${STYLE}</style></head><body><main>${parts.join('')}</main></body></html>`
  );
}

function facts(claim: QrClaim): string {
  return (
    '<dl class="facts">' +
    (claim.kind === 'spending-reward' ? `<div><dt>Purchase</dt><dd>${escapeHtml(`RM ${formatRinggit(claim.amount)}`)}</dd></div>` : '') +
    `<div><dt>Points</dt><dd>${escapeHtml(String(claim.points))}</dd></div>` +
    '</dl>'
  );
}

function forms(claim: QrClaim, members: readonly SandboxMember[]): string {
  const action = `/claim/${encodeURIComponent(claim.id)}`;
  const options = members
    .map((member) => {
      const label = `${member.name} (…${member.phoneNumber.slice(-4)})`;
      return `<option value="${escapeHtml(member.memberId)}">${escapeHtml(label)}</option>`;
    })
    .join('');
  const pickMember =
    `<form method="post" action="${escapeHtml(action)}">` +
    `<label for="memberId">I am a demo member</label><select id="memberId" name="memberId">${options}</select>` +
    '<button type="submit">Claim as this member</button></form>';
  const byPhone =
    `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="countryCode" value="60">` +
    '<label for="phoneNumber">Or enter my phone number</label><div class="phone"><span>+60</span>' +
    '<input id="phoneNumber" name="phoneNumber" type="tel" inputmode="tel" autocomplete="tel-national" ' +
    'placeholder="17 282 6990" required></div><button type="submit">Claim with my phone number</button></form>';
  return (members.length > 0 ? pickMember : '') + byPhone;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
