// The members a sandbox starts with, from the options or a `--members` JSON file. Everything is checked up front, and
// a bad entry is named (position and id) with what is wrong and what is expected, so a trainer can fix the file.
import { readFileSync } from 'node:fs';
import { hasControlCharacter } from '../common/text.ts';

export interface SandboxMemberSeed {
  memberId: string;
  countryCode: string;
  phoneNumber: string;
  name: string;
  points?: number;
  email?: string;
}

export class MemberSeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemberSeedError';
  }
}

const MEMBER_ID = /^\d{1,32}$/;
const COUNTRY_CODE = /^[1-9]\d{0,3}$/;
const NATIONAL_NUMBER = /^[1-9]\d{5,13}$/;
const MAX_NAME_LENGTH = 100;

export function loadMembersFile(path: string): SandboxMemberSeed[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MemberSeedError(`Cannot read the members file ${path}: ${reason}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MemberSeedError(`${path} is not valid JSON (${reason}). It must be an array of members.`);
  }
  return validateMemberSeeds(parsed, path);
}

export function validateMemberSeeds(value: unknown, source: string): SandboxMemberSeed[] {
  if (!Array.isArray(value)) {
    throw new MemberSeedError(
      `${source} must be a JSON array of {"memberId","countryCode","phoneNumber","name"} objects.`,
    );
  }
  const seeds = value.map((entry, index) => validateEntry(entry, `${source}[${index}]`));
  assertUnique(seeds, source);
  return seeds;
}

function validateEntry(entry: unknown, where: string): SandboxMemberSeed {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new MemberSeedError(`${where}: must be an object with memberId, countryCode, phoneNumber and name.`);
  }
  const fields = entry as Record<string, unknown>;
  const label = typeof fields.memberId === 'string' ? `${where} (memberId "${fields.memberId}")` : where;
  const fail: (problem: string) => never = (problem) => {
    throw new MemberSeedError(`${label}: ${problem}`);
  };
  const memberId = fields.memberId;
  if (typeof memberId !== 'string' || !MEMBER_ID.test(memberId)) {
    fail('memberId must be a string of digits, like RM\'s 19-digit member ids ("6190354873541245312").');
  }
  const countryCode = fields.countryCode;
  if (typeof countryCode !== 'string' || !COUNTRY_CODE.test(countryCode)) {
    fail('countryCode must be a string of 1 to 4 digits without "+", e.g. "60".');
  }
  const phoneNumber = fields.phoneNumber;
  if (typeof phoneNumber !== 'string' || !NATIONAL_NUMBER.test(phoneNumber)) {
    fail(
      `phoneNumber ${JSON.stringify(phoneNumber)} must be the national number as digits without the leading 0, ` +
        'e.g. "172826990".',
    );
  }
  const name = fields.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH || hasControlCharacter(name)) {
    fail(`name must be non-empty text of at most ${MAX_NAME_LENGTH} characters, without tabs or line breaks.`);
  }
  const points = fields.points;
  if (points !== undefined && (typeof points !== 'number' || !Number.isSafeInteger(points) || points < 0)) {
    fail('points, when given, must be a whole number of 0 or more.');
  }
  const email = fields.email;
  if (email !== undefined && (typeof email !== 'string' || hasControlCharacter(email))) {
    fail('email, when given, must be text.');
  }
  return { memberId, countryCode, phoneNumber, name, points, email };
}

function assertUnique(seeds: readonly SandboxMemberSeed[], source: string): void {
  const ids = new Set<string>();
  const phones = new Set<string>();
  seeds.forEach((seed, index) => {
    if (ids.has(seed.memberId)) {
      throw new MemberSeedError(`${source}[${index}]: memberId "${seed.memberId}" appears twice.`);
    }
    const phone = `+${seed.countryCode} ${seed.phoneNumber}`;
    if (phones.has(phone)) throw new MemberSeedError(`${source}[${index}]: phone number ${phone} appears twice.`);
    ids.add(seed.memberId);
    phones.add(phone);
  });
}
