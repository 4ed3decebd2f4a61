// Every string the UI shows comes from the three catalogues: the catalogues have the same keys and placeholders, and
// no component writes text of its own. Switching language changes the text, the money and the dates at once.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/i18n/i18n.ts';
import { LANGUAGES } from '../../renderer/i18n/languages.ts';
import { renderApp, setUp } from './harness.tsx';
import { ACTOR_KINDS, ATTEMPT_OUTCOMES, AWARD_STATES } from '../../app/awards/award.ts';
import type { AmountProblem } from '../../app/common/money.ts';
import { describeCode, knownRmCodes, TRANSPORT_CODES, UNKNOWN_RM_CODE } from '../../app/rm/errors.ts';
import type { Decision } from '../../app/awards/reconcile.ts';
import type { SettingsView } from '../../app/contract.ts';
import { PATTERN_FIELD_NAMES } from '../../app/scanner/identity-rules.ts';
import type { ScanIdentity } from '../../app/scanner/member-identity.ts';
import type { OutcomeKind, QueuedReason } from '../../renderer/counter/outcome.ts';
import type { HubUser } from '../../renderer/hub/hub-api.ts';
import type { FilterProblem } from '../../renderer/manager/history-filter.ts';
import { ALL_STEPS, type MissingItem } from '../../renderer/setup/wizard-steps.ts';
import { FIGURE_NAMES } from '../../renderer/shift/shift-figures.ts';
import type { ManagerTab, Screen } from '../../renderer/stores/nav-store.ts';
import type { MemberMode } from '../../renderer/stores/sale-store.ts';
import type { Evidence, FoundDevice, ScannerState } from '../../renderer/types.ts';

const RENDERER = join(process.cwd(), 'renderer');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/** Plural forms differ by language (English has one/other; Malay and Chinese only other): compare base keys. */
function baseKeys(entries: Map<string, string>): Set<string> {
  return new Set([...entries.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

function sourceFiles(dir: string, extension: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, extension);
    return extension.test(name) ? [path] : [];
  });
}

const USER_FACING_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
const HAS_LETTER = /\p{L}/u;

/** Text a person would read, written straight into JSX (not through t()). */
function hardCodedText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && HAS_LETTER.test(node.initializer.text)) {
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    }
    if (ts.isJsxExpression(node) && node.expression && (ts.isStringLiteral(node.expression) || ts.isNoSubstitutionTemplateLiteral(node.expression)) && HAS_LETTER.test(node.expression.text)) {
      found.push(`${where(node)} {"${node.expression.text}"}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every value, or a compile error naming the ones left out: a new state or step must get its text. */
const every =
  <T extends string>() =>
  <const V extends readonly T[]>(...values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { missing: Exclude<T, V[number]> })): readonly string[] =>
    values;

/** Every code that leaves an award's outcome unknown: RM's and Kaunter's maybe-applied codes, and Kaunter's own three. */
const CODES_LEAVING_AN_AWARD_UNKNOWN = [
  ...[...knownRmCodes(), ...Object.values(TRANSPORT_CODES), UNKNOWN_RM_CODE].filter((code) => describeCode(code).kind === 'maybeApplied'),
  'INTERRUPTED',
  'RESTORED',
  'PUT_BACK',
];

/** The keys the components build from template literals (`state.${award.state}`), each with the values it can take. */
const TEMPLATE_KEYS: Readonly<Record<string, readonly string[]>> = {
  // A claim QR not seen claimed shows as one, not as awarded (renderer/common/shown-state.ts).
  'state.*': [...AWARD_STATES, 'unclaimedQr'],
  'attemptOutcome.*': ATTEMPT_OUTCOMES,
  'counter.amount.problem.*': every<AmountProblem>()('empty', 'format', 'decimals', 'zero', 'tooLarge'),
  'counter.member.mode.*': every<MemberMode>()('phone', 'memberId', 'qr'),
  'credentials.fix.*': ['needs-reprovisioning', 'keychain-unavailable'],
  'detail.action.*': ['void', 'cancelQr'],
  'detail.actor.*': ACTOR_KINDS.filter((kind) => kind !== 'other'),
  'history.filter.problem.*': every<FilterProblem>()('badFrom', 'badTo', 'range', 'memberShort'),
  'history.totals.*': ['awards', 'awarded', 'amount', 'points'],
  'hub.role.*': every<HubUser['role']>()('head-office', 'outlet-manager'),
  'hub.tab.*': ['history', 'charts', 'review'],
  'languageName.*': LANGUAGES,
  'languageShort.*': LANGUAGES,
  'manager.pin.*': ['clear', 'back'],
  'managerWhy.*': CODES_LEAVING_AN_AWARD_UNKNOWN,
  'manager.tab.*': every<ManagerTab>()('history', 'shifts', 'review', 'settings'),
  'outcome.*.title': every<OutcomeKind>()('awarded', 'claimQr', 'qrFailed', 'queued', 'sending', 'review', 'refused', 'voided', 'cancelled'),
  'outcome.*.detail': ['awarded', 'voided', 'cancelled'],
  'outcome.queued.detail.*': every<QueuedReason>()('offline', 'no-relay', 'still-sending', 'not-configured', 'waiting'),
  'shift.figure.*': FIGURE_NAMES,
  'review.decision.*': every<Decision>()('credited', 'resend', 'void'),
  'review.suggestion.*': every<Evidence['suggestion']>()('credited', 'resend', 'unclear'),
  // RM's history entry types Kaunter words (its awards' and the opening balance's); any other is shown as RM sent it.
  'review.rmEntryType.*': ['SPENDING_REWARD', 'REWARD'],
  'setup.environment.*.name': every<SettingsView['environment']>()('training', 'sandbox', 'production'),
  'setup.environment.*.detail': every<SettingsView['environment']>()('training', 'sandbox', 'production'),
  'setup.finish.missing.*': every<MissingItem>()('pin', 'storeName', 'cashiers'),
  'setup.scanner.*.name': every<SettingsView['scannerMode']>()('hid', 'keyboard'),
  'setup.scanner.*.detail': every<SettingsView['scannerMode']>()('hid', 'keyboard'),
  'setup.scanner.deviceMode.*': every<FoundDevice['mode']>()('hid-pos', 'keyboard'),
  'setup.scanner.receiptPattern.setAside.*': PATTERN_FIELD_NAMES,
  'setup.scanner.identity.*': every<Exclude<ScanIdentity['type'], 'unrecognised'>>()('ID', 'PHONENUMBER', 'RECEIPT'),
  'setup.step.*': ALL_STEPS,
  'shell.connection.*': ['lost', 'refused'],
  'shell.connection.short.*': ['lost', 'refused'],
  'shell.nav.*': every<Screen>()('counter', 'manager'),
  'shell.scanner.*': every<ScannerState['hid']['state']>()('connected', 'absent', 'no-permission', 'unsupported'),
  'shell.scanner.detail.*': every<ScannerState['hid']['state']>()('connected', 'absent', 'no-permission', 'unsupported'),
};

describe('catalogues', () => {
  const english = flatten(catalogues.en);

  // The core's messages (`core.`) are the core's own English; the other catalogues translate them (messages-catalogue).
  it.each(LANGUAGES)('%s has exactly the keys of the English catalogue, none empty', (language) => {
    const entries = flatten(catalogues[language]);
    const own = [...baseKeys(entries)].filter((key) => !key.startsWith('core.'));
    expect(own.sort()).toEqual([...baseKeys(english)].sort());
    for (const [key, text] of entries) expect(text.trim(), key).not.toBe('');
  });

  it.each(['ms', 'zh'] as const)('%s keeps every placeholder of the English text', (language) => {
    const entries = flatten(catalogues[language]);
    for (const [key, text] of english) {
      const translated = entries.get(key) ?? entries.get(key.replace(PLURAL_SUFFIX, '_other'));
      expect(translated, key).toBeDefined();
      expect(placeholders(translated ?? ''), key).toEqual(placeholders(text));
    }
  });

  /** Names that stay as they are in every language: the currency, a protocol, a key cap, a unit, a borrowed word. */
  const SAME_IN_EVERY_LANGUAGE = new Set([
    'counter.amount.currency',
    'manager.pin.clearShort',
    'setup.scanner.hid.name',
    'setup.scanner.deviceMode.hid-pos',
    'detail.terminal',
    'hub.terminal',
    'shell.terminalAsCashier',
    'setup.environment.sandbox.name',
    'claimQr.paperWidth',
    'setup.scanner.deviceIds',
    'detail.actor.system',
  ]);

  it.each(['ms', 'zh'] as const)('%s is translated, not a copy of English', (language) => {
    const entries = flatten(catalogues[language]);
    const words = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, '');
    const same = [...english]
      .filter(([key]) => !key.startsWith('language') && !SAME_IN_EVERY_LANGUAGE.has(key))
      .filter(([key, text]) => HAS_LETTER.test(words(text)) && entries.get(key) === text);
    expect(same.map(([key]) => key)).toEqual([]);
  });

  it('ms says "award" with one word everywhere (ganjaran), in its own texts and the core\'s', () => {
    const texts = [...flatten(catalogues.ms).values()];
    expect(texts.filter((text) => /anugerah/i.test(text))).toEqual([]);
    expect(texts.filter((text) => /ganjaran/i.test(text)).length).toBeGreaterThan(20);
  });

  it('every key the components use exists', () => {
    const used = sourceFiles(RENDERER, /\.tsx?$/).flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((match) => match[1] ?? ''));
    expect(used.length).toBeGreaterThan(100);
    const known = baseKeys(english);
    expect(used.filter((key) => !known.has(key))).toEqual([]);
  });

  it('every key the components build from a template exists, for every value it can take', () => {
    const built = new Set(
      sourceFiles(RENDERER, /\.tsx?$/).flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/\bt\(\s*`([^`]*)`/g)].map((match) => (match[1] ?? '').replace(/\$\{.*?\}+/g, '*'))),
    );
    // The core's own messages are checked by messages-catalogue.test.ts.
    const own = [...built].filter((template) => !template.startsWith('core.'));
    expect(own.filter((template) => !(template in TEMPLATE_KEYS)), 'a template key not listed in TEMPLATE_KEYS').toEqual([]);
    const known = baseKeys(english);
    const missing = Object.entries(TEMPLATE_KEYS).flatMap(([template, values]) => values.map((value) => template.replace('*', value)).filter((key) => !known.has(key)));
    expect(missing).toEqual([]);
  });

  it("the manager's words are for exactly the codes that leave an award unknown", () => {
    expect(Object.keys(catalogues.en.managerWhy).sort()).toEqual([...CODES_LEAVING_AN_AWARD_UNKNOWN].sort());
  });
});

describe('no hard-coded user-facing text', () => {
  it('the checker finds text written into JSX', () => {
    const sample = `export const A = () => <p title="Hello there">Pay now<span aria-label={label}>{'Total'}</span>{t('ok')} 12 · ⌫</p>;`;
    expect(hardCodedText('sample.tsx', sample)).toEqual(['sample.tsx:1 title="Hello there"', 'sample.tsx:1 text "Pay now"', 'sample.tsx:1 {"Total"}']);
  });

  it('no component has any', () => {
    const files = sourceFiles(RENDERER, /\.tsx$/);
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((path) => hardCodedText(relative(process.cwd(), path), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('switching language', () => {
  it('changes the words, the money and the dates at once, and keeps the choice in settings', async () => {
    const fake = setUp();
    renderApp();
    const amount = await screen.findByLabelText('Amount');
    fireEvent.change(amount, { target: { value: '1234.5' } });
    expect(screen.getByTestId('amount-shown').textContent?.replace(/\s/gu, ' ')).toBe('RM 1,234.50');

    fireEvent.click(screen.getByTestId('language-ms'));
    expect(await screen.findByLabelText('Jumlah')).toBe(amount);
    expect(fake.callsOf('settings.setLanguage')).toEqual([{ language: 'ms' }]);
    expect(fake.settings.language).toBe('ms');
    expect(screen.getByTestId('nav-manager').textContent).toBe('Pengurus');
    expect(screen.getByTestId('training-banner').textContent).toContain('LATIHAN');
    expect(document.documentElement.lang).toBe('ms-MY');

    fireEvent.click(screen.getByTestId('language-zh'));
    expect(await screen.findByLabelText('金额')).toBe(amount);
    expect(screen.getByTestId('amount-shown').textContent?.replace(/\s/gu, ' ')).toBe('RM 1,234.50');
    expect(screen.getByTestId('queued').getAttribute('aria-label')).toBe('0 笔待发送');
    expect(document.documentElement.lang).toBe('zh-Hans-MY');

    act(() => fake.setOnline(false));
    await waitFor(() => expect(screen.getByTestId('online').textContent).toContain('离线'));
    fireEvent.click(screen.getByTestId('language-en'));
    await waitFor(() => expect(screen.getByTestId('online').textContent).toContain('Offline'));
  });

  it('starts in the language saved in settings', async () => {
    setUp({ settings: { language: 'zh' } });
    renderApp();
    expect(await screen.findByLabelText('金额')).toBeTruthy();
  });
});
