// An award's HTTPS request: the transport gives every award a connection of its own (app/rm/transport.ts), resuming the
// TLS session of the connection before it. Baseline: the same POST with `agent: false`, a full handshake every time (as
// the transport did before). Both to one loopback HTTPS server with a throwaway certificate, in alternating rounds.
//   node test/bench/tls-connection.bench.ts [--quick] [--out-dir <dir>]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { send } from '../../app/rm/transport.ts';
import { runSizedBenchmark } from './lib/report.ts';
import { median } from './lib/stats.ts';
import { makeWorkDir } from './lib/work-dir.ts';

const BODY = '{"amount":12345,"currencyType":"MYR","type":"ID","memberId":"6190354873541245312"}';

runSizedBenchmark('tls-connection', { rounds: [3, 9], requestsPerRound: [20, 100] }, async ({ args, report, sizes: { rounds, requestsPerRound } }) => {
  const work = makeWorkDir(args.outDir, 'tls-connection');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(work.path, 'key.pem'), '-out', join(work.path, 'cert.pem')], { stdio: 'ignore' });
  // The throwaway certificate cannot be trusted any other way from inside this process: both candidates skip the chain
  // check, so the baseline's full handshakes here cost less than they do against RM.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const resumed = { transport: 0, fullHandshake: 0 };
  let current: keyof typeof resumed = 'transport';
  const server = https.createServer({ key: readFileSync(join(work.path, 'key.pem')), cert: readFileSync(join(work.path, 'cert.pem')) }, (req, res) => {
    req.resume();
    req.on('end', () => res.end('{"code":"SUCCESS"}'));
  });
  server.on('secureConnection', (socket) => {
    if (socket.isSessionReused()) resumed[current] += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v3/loyalty/spending-reward`;

  const viaTransport = async (): Promise<void> => {
    const result = await send({ method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: BODY, idempotent: false });
    if (result.kind !== 'response' || result.status !== 200) throw new Error(`the transport's request ended ${result.kind}`);
  };
  const withFullHandshake = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = https.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(BODY);
    });

  const perRequestMs = { transport: [] as number[], fullHandshake: [] as number[] };
  const candidates = [['transport', viaTransport], ['fullHandshake', withFullHandshake]] as const;
  for (let round = 0; round <= rounds; round += 1) {
    for (const [name, request] of round % 2 === 0 ? candidates : [...candidates].reverse()) {
      current = name;
      const started = performance.now();
      for (let i = 0; i < requestsPerRound; i += 1) await request();
      // Round 0 warms both up (the first handshake, JIT) and is not counted.
      if (round > 0) perRequestMs[name].push((performance.now() - started) / requestsPerRound);
    }
  }
  server.close();
  work.remove();

  const counted = rounds * requestsPerRound;
  report.check('the transport resumed a TLS session on every connection after its first', true, resumed.transport >= counted);
  report.check('the baseline made a full handshake every time', 0, resumed.fullHandshake);
  report.figure('POST over a resumed TLS session (transport), per request', median(perRequestMs.transport), 'ms');
  report.figure('POST over a full TLS handshake (agent: false), per request', median(perRequestMs.fullHandshake), 'ms');
  report.ratio(
    'resumed session / full handshake, per request',
    'POST over a resumed TLS session (transport), per request',
    'POST over a full TLS handshake (agent: false), per request',
    { atMost: 1 },
  );
  report.note(`Median of ${rounds} alternating rounds of ${requestsPerRound} sequential requests per candidate; client and server share this process, so each figure is both ends' work plus loopback.`);
  report.note('Both skip the certificate chain check (a throwaway certificate), which a full handshake with RM does not: against RM the saving is larger.');
  report.finish();
});
