// The renderer's weight and how fast the counter is ready to take an amount.
//   Bundle: every .js and .css file of the production build, gzipped at level 9, split into what the counter loads at
//   start and what loads on demand (manager screens, setup, the QR encoder). Baseline: the smallest React 19 app
//   (createRoot + one element) built by the same Vite in the same run.
//   Start: in headless Chromium, from navigation to the amount field focused and editable (React has mounted the
//   counter, the bridge has delivered settings), median of N cache-disabled loads through the browser host in training
//   mode. Baseline: a static blank page from the same server, to DOMContentLoaded, in the same run.
//   node test/bench/ui.bench.ts [--quick] [--out-dir <dir>]
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { hashPin } from '../../app/manager/pin.ts';
import { SettingsStore } from '../../app/settings.ts';
import { startBrowserHost } from '../../main/browser-host/server.ts';
import { parseBenchArgs } from './lib/args.ts';
import { BenchReport, runBenchmark } from './lib/report.ts';
import { summarize } from './lib/stats.ts';
import { makeWorkDir } from './lib/work-dir.ts';

const ROOT = process.cwd();
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BLANK_PAGE = 'bench-blank.html';
/** Set by an init script when the amount field takes focus (React's autoFocus on mount). */
const READY_MARK = '__kaunterAmountReadyAt';

interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  initial: boolean;
}

runBenchmark(async () => {
  // Both builds are production builds whatever started this process (a test runner sets NODE_ENV=test).
  process.env.NODE_ENV = 'production';
  const args = parseBenchArgs(process.argv.slice(2));
  const report = new BenchReport('ui', args);
  const runs = args.quick ? 3 : 15;
  report.size('loads', runs);
  const work = makeWorkDir(args.outDir, 'ui');
  try {
    const rendererDir = join(work.path, 'renderer');
    await buildRenderer(rendererDir);
    const files = measureBuild(rendererDir);
    const baselineFiles = measureBuild(await buildBaselineApp(join(work.path, 'baseline')));
    recordBundle(report, files, baselineFiles);
    writeFileSync(join(rendererDir, BLANK_PAGE), '<!doctype html><title>blank</title><p>blank</p>\n');
    await measureStart(report, rendererDir, runs);
  } finally {
    work.remove();
  }
  report.finish();
});

async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, 'renderer', 'vite.config.ts'),
    root: join(ROOT, 'renderer'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}

/** The floor any React 19 UI pays: react + react-dom rendering one element, built the same way. */
async function buildBaselineApp(dir: string): Promise<string> {
  const source = join(dir, 'src');
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'index.html'), '<!doctype html><html><head><script type="module" src="./main.js"></script></head><body><div id="root"></div></body></html>\n');
  writeFileSync(join(source, 'main.js'), "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(createElement('p', null, 'ready'));\n");
  const require = createRequire(join(ROOT, 'package.json'));
  const outDir = join(dir, 'dist');
  await build({
    configFile: false,
    root: source,
    base: './',
    logLevel: 'error',
    resolve: { alias: { react: require.resolve('react'), 'react-dom/client': require.resolve('react-dom/client') } },
    build: { outDir, emptyOutDir: true, target: 'chrome120', modulePreload: { polyfill: false } },
  });
  return outDir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every JS and CSS file with its gzip -9 size; "initial" = named by index.html (script, modulepreload, stylesheet). */
function measureBuild(dir: string): BuiltFile[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const named = new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1]));
  return filesUnder(dir)
    .filter((path) => /\.(?:js|css)$/.test(path))
    .map((path) => {
      const bytes = readFileSync(path);
      const file = relative(dir, path);
      return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, initial: named.has(file) };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

function total(files: readonly BuiltFile[], pick: (file: BuiltFile) => boolean = () => true): number {
  return files.filter(pick).reduce((sum, file) => sum + file.gzipBytes, 0);
}

function recordBundle(report: BenchReport, files: BuiltFile[], baseline: BuiltFile[]): void {
  report.figure('bundle.gzipBytes', total(files), 'bytes');
  report.figure('bundle.rawBytes', files.reduce((sum, file) => sum + file.bytes, 0), 'bytes');
  report.figure('bundle.initialGzipBytes', total(files, (file) => file.initial), 'bytes');
  report.figure('bundle.onDemandGzipBytes', total(files, (file) => !file.initial), 'bytes');
  report.figure('bundle.jsGzipBytes', total(files, (file) => file.file.endsWith('.js')), 'bytes');
  report.figure('bundle.cssGzipBytes', total(files, (file) => file.file.endsWith('.css')), 'bytes');
  report.figure('baseline.reactAppGzipBytes', total(baseline), 'bytes');
  report.ratio('bundle / bare React app', 'bundle.gzipBytes', 'baseline.reactAppGzipBytes');
  report.ratio('loaded at start / bare React app', 'bundle.initialGzipBytes', 'baseline.reactAppGzipBytes');
  report.detail('files', files);
  report.detail('baselineFiles', baseline);
  report.check('the build has an index.html entry script', true, files.some((file) => file.initial && file.file.endsWith('.js')));
  report.note('Sizes are gzip level 9 of each file; "at start" is what index.html names, the rest loads when first needed.');
}

async function seededDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-ui-bench-'));
  const settings = new SettingsStore(dataDir);
  // The bench never unlocks: any pepper makes a PIN that shows the manager screens as set up.
  const pin = await hashPin('2468', randomBytes(32));
  settings.update((s) => ({
    ...s,
    environment: 'training',
    storeName: 'Bench Store',
    terminalName: 'Kaunter 1',
    cashiers: ['Aina'],
    setupComplete: true,
    manager: { ...s.manager, name: 'Siti', pin },
  }));
  return dataDir;
}

async function measureStart(report: BenchReport, rendererDir: string, runs: number): Promise<void> {
  const dataDir = await seededDataDir();
  const host = await startBrowserHost({ dataDir, rendererDir, downloadsDir: join(dataDir, 'Downloads'), scanner: null, version: 'bench' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.addInitScript({
      content: `document.addEventListener('focusin', (event) => { if (event.target && event.target.id === 'amount' && window.${READY_MARK} === undefined) window.${READY_MARK} = performance.now(); }, true);`,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // The first load carries the host's one-time token; later loads use the next token the bridge keeps for reloads.
    await page.goto(host.url);
    await amountReadyAt(page);
    const appMs: number[] = [];
    const blankMs: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto(`${host.origin}/${BLANK_PAGE}`);
      blankMs.push(await page.evaluate(domContentLoadedAt));
      await page.goto(`${host.origin}/`, { waitUntil: 'commit' });
      appMs.push(await amountReadyAt(page));
    }
    const app = summarize(appMs);
    const blank = summarize(blankMs);
    report.figure('start.amountInteractiveMedianMs', app.p50Ms, 'ms');
    report.figure('start.amountInteractiveMinMs', app.minMs, 'ms');
    report.figure('start.amountInteractiveMaxMs', app.maxMs, 'ms');
    report.figure('baseline.blankPageMedianMs', blank.p50Ms, 'ms');
    report.ratio('amount field interactive / blank page (median)', 'start.amountInteractiveMedianMs', 'baseline.blankPageMedianMs');
    report.detail('amountInteractiveMs', appMs);
    report.detail('blankPageMs', blankMs);

    await page.keyboard.type('12.5');
    report.check('the amount field takes typing once ready', '12.5', await page.locator('#amount').inputValue());
    report.check('the typed amount is read as ringgit', 'RM 12.50', (await page.getByTestId('amount-shown').innerText()).replace(/\s/g, ' '));
    report.note('Loads are cache-disabled reloads in one tab through the browser host (WebSocket bridge, training core); the time is performance.now() at the focusin of #amount.');
  } finally {
    await browser.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs in the page: the navigation's DOMContentLoaded end, ms after navigation start (Node's types lack the entry). */
function domContentLoadedAt(): number {
  const timing = performance as unknown as { getEntriesByType(type: string): Array<{ domContentLoadedEventEnd: number }> };
  return timing.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? Number.NaN;
}

/** Functions, not strings: the page's CSP forbids eval, which string predicates need. */
async function amountReadyAt(page: Page): Promise<number> {
  await page.waitForFunction((mark) => (globalThis as Record<string, unknown>)[mark] !== undefined, READY_MARK, { timeout: 30_000, polling: 10 });
  return Number(await page.evaluate((mark) => (globalThis as Record<string, unknown>)[mark], READY_MARK));
}
