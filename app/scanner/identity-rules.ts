// The shop's rules for reading scanned text as a member, a phone number or a receipt. Settings store them; the
// schema is the one place that says what a valid stored value is (and fills in the defaults).
//
// The shop's patterns run on every scan, on the thread that answers the counter. JavaScript's backtracking RegExp can
// take exponential time on a pattern like (a|a)+b (22 s for 32 characters, found in review), so patterns are compiled
// by RE2JS, a port of RE2 whose matching time grows linearly with the text. What RE2 cannot match in linear time
// (look-arounds, back-references) it refuses to compile, and the schema turns that into the manager's message.
import { RE2JS } from 're2js';
import { z } from 'zod';

const MAX_PATTERN_LENGTH = 200;
const COMPILED_CACHE_SIZE = 16;
const compiled = new Map<string, RE2JS>();

/** What is wrong with a pattern, in words for the manager, or null when Kaunter can use it. */
export function patternProblem(source: string): string | null {
  try {
    RE2JS.compile(source);
    return null;
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
    return (
      `not a pattern Kaunter can use (${detail}). Scans are matched in linear time with RE2's syntax, which has no ` +
      'look-arounds such as (?=…) and no back-references such as \\1'
    );
  }
}

/** A regular expression as text, in RE2 syntax. It must match the whole scanned text, not a piece of it. */
const patternSource = z
  .string()
  .min(1, 'a pattern cannot be empty')
  .max(MAX_PATTERN_LENGTH, `a pattern has at most ${MAX_PATTERN_LENGTH} characters`)
  .superRefine((source, context) => {
    const problem = patternProblem(source);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

export const identityRulesSchema = z.object({
  /** Revenue Monster member IDs are numeric; 10-20 digits covers the ones seen. */
  memberIdPattern: patternSource.default('\\d{10,20}'),
  /** "0172826990" or "60172826990" scanned from a card or a receipt counts as a phone number, not a member ID. */
  bareDigitsArePhones: z.boolean().default(true),
  /**
   * A product's EAN or UPC (the scanner says it read one, the check digit holds) is refused as a member. A chain that
   * prints its own cards as EAN-13 under its own GS1 company prefix turns this off.
   */
  refuseProductBarcodes: z.boolean().default(true),
  /** When set, text matching it is a receipt number for the receipt field (e.g. "INV-\\d{6}"). */
  receiptPattern: patternSource.nullable().default(null),
  /** Member QR links count only from these hosts and their subdomains. */
  memberUrlHosts: z.array(z.string().toLowerCase().pipe(z.hostname())).max(20).default(['revenuemonster.my']),
});

export type IdentityRules = z.infer<typeof identityRulesSchema>;

export const PATTERN_FIELD_NAMES = ['memberIdPattern', 'receiptPattern'] as const;
type PatternField = (typeof PATTERN_FIELD_NAMES)[number];
const PATTERN_LABELS: Record<PatternField, string> = { memberIdPattern: 'member-ID pattern', receiptPattern: 'receipt pattern' };

/** A pattern an older settings file held that this Kaunter cannot use: which field, the pattern, and why. */
export interface SetAsidePattern {
  field: PatternField;
  pattern: string;
  problem: string;
}

/**
 * Stored rules with the patterns this Kaunter cannot use taken out (the receipt pattern unset, the member-ID pattern
 * back to its default): a settings file saved before patterns were matched by RE2 may hold a look-around, and must
 * still open.
 */
export function withoutUnusablePatterns(stored: Record<string, unknown>): { rules: Record<string, unknown>; dropped: SetAsidePattern[] } {
  const rules = { ...stored };
  const dropped: SetAsidePattern[] = [];
  for (const field of PATTERN_FIELD_NAMES) {
    const pattern = rules[field];
    if (typeof pattern !== 'string') continue;
    const problem = patternProblem(pattern);
    if (problem === null) continue;
    dropped.push({ field, pattern, problem });
    delete rules[field];
  }
  return { rules, dropped };
}

/** The log's sentence for a pattern set aside, in a manager's words. */
export function setAsideSentence({ field, pattern, problem }: SetAsidePattern): string {
  const instead = field === 'receiptPattern' ? 'a manager can set a new one in Settings, under the scanner' : 'member IDs are read with the default pattern';
  return `The ${PATTERN_LABELS[field]} "${pattern}", saved by an older Kaunter, is ${problem}. It is not used: ${instead}.`;
}

export const DEFAULT_IDENTITY_RULES: IdentityRules = identityRulesSchema.parse({});

/** Whether the whole text matches a stored pattern (a pattern the schema accepted). */
export function matchesWholeText(source: string, text: string): boolean {
  let pattern = compiled.get(source);
  if (!pattern) {
    if (compiled.size >= COMPILED_CACHE_SIZE) compiled.clear();
    pattern = RE2JS.compile(source);
    compiled.set(source, pattern);
  }
  return pattern.matches(text);
}
