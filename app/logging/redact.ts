// What must never reach a log line: the shop's secrets (the client secret, the private key, refresh and access tokens,
// by value once the host has read them, and by shape always) and members' full phone numbers. Redaction happens in the
// logger itself, so no caller can forget it.

export interface Redactor {
  /** A secret value this process now holds: from here on it is replaced wherever it appears. */
  add(secret: string): void;
  redact(text: string): string;
}

const SHORTEST_SECRET = 6;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const NAMED_SECRET = /\b(client[_-]?secret|refresh[_-]?token|access[_-]?token|private[_-]?key|recovery[_-]?code|current[_-]?pin|pepper|password|secret|token|pin)(["']?\s*[:=]\s*["']?)([^"'\s,;&}]+)/gi;
// Phone numbers, never inside a longer run of digits (member IDs are 19 digits, times 13) nor inside a word, an id or a
// date (after a letter, digit, "-" or "."), nor at the start of a UUID (18572635-01a1-… reads as a mobile up to its
// "a"): a Malaysian mobile however it is written (+60 17-282 6990, 60172826990, 0172826990, 172826990); a Malaysian
// landline with its 0 or 60 (03-7890 1234, 088-123456); any number written with a "+" and a country code
// (+65 9123 4567); and whatever a phone field holds, however short. A letter after the number does not spare it: a
// mistyped phone ("0172826990x is not a phone number") is still somebody's.
const NOT_AFTER = String.raw`(?<![\w+.-])`;
const NOT_A_UUID = String.raw`(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})`;
const START = NOT_AFTER + NOT_A_UUID;
const PHONES = [
  new RegExp(String.raw`${START}(?:\+?60[\s-]?|0)?1\d(?:[\s-]?\d){7,8}(?!\d)`, 'g'),
  new RegExp(String.raw`${START}(?:\+?60[\s-]?|0)[3-9](?:[\s-]?\d){6,8}(?!\d)`, 'g'),
  new RegExp(String.raw`${START}\+[1-9]\d{0,2}(?:[\s-]?\d){4,14}(?!\d)`, 'g'),
];
const NAMED_PHONE = /\b(phone(?:[_-]?number)?|msisdn)(["']?\s*[:=]\s*["']?)(\+?\d(?:[\s-]?\d)*)/gi;

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let ordered: string[] = [];
  return {
    add(secret) {
      for (const part of [secret, ...secret.split(/\r?\n/)]) {
        const value = part.trim();
        if (value.length >= SHORTEST_SECRET && !value.startsWith('-----')) secrets.add(value);
      }
      ordered = [...secrets].sort((a, b) => b.length - a.length);
    },
    redact(text) {
      let out = text;
      for (const secret of ordered) out = out.split(secret).join('[secret]');
      out = out
        .replace(PEM_BLOCK, '[private key]')
        .replace(BEARER, '$1 [secret]')
        .replace(NAMED_SECRET, '$1$2[secret]')
        .replace(NAMED_PHONE, (_match, name: string, between: string, phone: string) => `${name}${between}${maskPhone(phone)}`);
      return PHONES.reduce((masked, phone) => masked.replace(phone, maskPhone), out);
    },
  };
}

/** Every digit but the last three becomes *: the cashier can still tell which customer, nobody can call them. */
function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  let seen = 0;
  return phone.replace(/\d/g, (digit) => (++seen > digits - 3 ? digit : '*'));
}
