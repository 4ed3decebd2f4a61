// The shop's rules for reading scanned text as a member, a phone number or a receipt. Settings store them; the
// schema is the one place that says what a valid stored value is (and fills in the defaults).
import { z } from 'zod';

const MAX_PATTERN_LENGTH = 200;

function isValidPattern(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A regular expression as text. It must match the whole scanned text: it is anchored when compiled. */
const patternSource = z
  .string()
  .min(1, 'a pattern cannot be empty')
  .max(MAX_PATTERN_LENGTH, `a pattern has at most ${MAX_PATTERN_LENGTH} characters`)
  .refine(isValidPattern, 'not a valid regular expression');

export const identityRulesSchema = z.object({
  /** Revenue Monster member IDs are numeric; 10-20 digits covers the ones seen. */
  memberIdPattern: patternSource.default('\\d{10,20}'),
  /** "0172826990" or "60172826990" scanned from a card or a receipt counts as a phone number, not a member ID. */
  bareDigitsArePhones: z.boolean().default(true),
  /** Whether 03-09 landline numbers count; Revenue Monster members usually sign up with a mobile number. */
  acceptLandlines: z.boolean().default(true),
  /** When set, text matching it is a receipt number for the receipt field (e.g. "INV-\\d{6}"). */
  receiptPattern: patternSource.nullable().default(null),
  /** Member QR links count only from these hosts and their subdomains. */
  memberUrlHosts: z.array(z.string().toLowerCase().pipe(z.hostname())).max(20).default(['revenuemonster.my']),
});

export type IdentityRules = z.infer<typeof identityRulesSchema>;

export const DEFAULT_IDENTITY_RULES: IdentityRules = identityRulesSchema.parse({});

/** Compiles a stored pattern so that it must match the whole text, not a piece of it. */
export function wholeTextPattern(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u');
}
