// The member at the core's door: the schemas that check a member identity in every request and every stored award.
// The grammar itself (member IDs, phone numbers as people say them) is app/common/member.ts.
import { z } from 'zod';
import { COUNTRY_CODE, MEMBER_ID, MEMBER_ID_MESSAGE, phoneProblem } from './common/member.ts';

export const memberIdentitySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ID'),
    memberId: z.string().regex(MEMBER_ID, MEMBER_ID_MESSAGE),
  }),
  z
    .object({
      type: z.literal('PHONENUMBER'),
      countryCode: z.string().regex(COUNTRY_CODE, 'A country code is 1-3 digits, like 60.'),
      phoneNumber: z.string(),
    })
    .superRefine((value, ctx) => {
      const problem = phoneProblem(value.countryCode, value.phoneNumber);
      if (problem) ctx.addIssue({ code: 'custom', path: ['phoneNumber'], message: problem });
    }),
  z.object({ type: z.literal('QRCODE') }),
]);

/**
 * A member as the database holds it. It was checked against memberIdentitySchema when it was submitted, by the rules of
 * that version of Kaunter; reading it back only checks its shape, so a rule made stricter later never hides old awards
 * (a history page with one such award would otherwise fail as a whole).
 */
export const storedMemberSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ID'), memberId: z.string() }),
  z.object({ type: z.literal('PHONENUMBER'), countryCode: z.string(), phoneNumber: z.string() }),
  z.object({ type: z.literal('QRCODE') }),
]);
