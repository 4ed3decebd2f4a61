// Where RM lives for each environment (reference: hosts). Training has no fixed host: it is the embedded sandbox.
export type Environment = 'training' | 'sandbox' | 'production';

export const ENVIRONMENTS: readonly Environment[] = ['training', 'sandbox', 'production'];

export interface RmHosts {
  apiUrl: string;
  oauthUrl: string;
}

export const RM_HOSTS: Record<Exclude<Environment, 'training'>, RmHosts> = {
  sandbox: { apiUrl: 'https://sb-open.revenuemonster.my', oauthUrl: 'https://sb-oauth.revenuemonster.my' },
  production: { apiUrl: 'https://open.revenuemonster.my', oauthUrl: 'https://oauth.revenuemonster.my' },
};

export function isEnvironment(value: string): value is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}
