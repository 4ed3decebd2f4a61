// The RM side of the network benchmarks: one merchant app with a fresh key pair, sandbox members to spread awards over
// (the sandbox copies a member's whole history on every credit, so one member taking 10,000 awards would measure that
// copy rather than the client), and an RM client pointed at a sandbox.
import { connectToRm, type RmConnection } from '../../../app/rm/connection.ts';
import { generateKeyPair } from '../../../app/rm/keys.ts';
import type { MemberIdentity } from '../../../app/common/member.ts';
import type { SandboxMemberSeed } from '../../../app/sandbox/index.ts';
import type { SandboxApp } from './sandbox-process.ts';

export interface BenchCredentials {
  app: SandboxApp;
  privateKeyPem: string;
}

export async function benchCredentials(): Promise<BenchCredentials> {
  const keys = await generateKeyPair();
  return { app: { clientId: 'bench-client', clientSecret: 'bench-secret', publicKeyPem: keys.publicKeyPem }, privateKeyPem: keys.privateKeyPem };
}

export function benchMembers(count: number): SandboxMemberSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    memberId: `61903548735${String(i).padStart(8, '0')}`,
    countryCode: '60',
    phoneNumber: `17${String(i).padStart(7, '0')}`,
    name: `Bench Member ${i + 1}`,
  }));
}

/** Award i goes to member i mod count; every fifth award names the member by phone, the rest by member ID. */
export function identityFor(i: number, members: readonly SandboxMemberSeed[]): MemberIdentity {
  const member = members[i % members.length] as SandboxMemberSeed;
  return i % 5 === 4
    ? { type: 'PHONENUMBER', countryCode: member.countryCode, phoneNumber: member.phoneNumber }
    : { type: 'ID', memberId: member.memberId };
}

/** Amounts from RM 1.00 to RM 250.00, varied but repeatable. */
export function amountFor(i: number): number {
  return 100 + ((i * 7_919) % 24_900);
}

export function connectClient(url: string, credentials: BenchCredentials): RmConnection {
  return connectToRm({
    hosts: { apiUrl: url, oauthUrl: url },
    credentials: { clientId: credentials.app.clientId, clientSecret: credentials.app.clientSecret, privateKeyPem: credentials.privateKeyPem },
  });
}
