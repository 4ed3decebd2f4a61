// The core process's entry, the same file for every host: under Electron it is a utility process and talks to main
// through `process.parentPort`; under Node (the browser host, tests) it is a child process and talks over its IPC
// channel. Either way it serves the core until the host says close, gets its last messages out, then exits.
//
// The core keeps normal priority. Tried at below normal (each of its threads at nice 10), the benchmark's 40 history
// pages held the host's loop over 5 ms at p99 in none of 12 runs instead of 4 of 12; but with two busy programs on a
// two-core PC an award took 40 ms at p50 instead of 7.5, and Windows schedules by strict priority: a below-normal
// process waits for every normal one that wants the CPU. The cashier's award comes before the smoothness of the
// manager's paging.
import { batchedChannel } from '../../app/core-process/batched-channel.ts';
import type { FlushableChannelEnd } from '../../app/core-process/protocol.ts';
import { serveCore } from '../../app/core-process/serve-core.ts';

/** The part of Electron's ParentPort used here (a global on `process` in a utility process; no import needed). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentPortChannel(port: ParentPort): FlushableChannelEnd {
  return batchedChannel(
    (batch) => port.postMessage(batch),
    (listener) => port.on('message', (event) => listener(event.data)),
  );
}

function nodeIpcChannel(): FlushableChannelEnd {
  const send = process.send?.bind(process);
  if (!send) throw new Error("Kaunter's core process must be started by Kaunter (it has no channel to its host).");
  return batchedChannel(
    (batch) => new Promise<void>((resolve) => send(batch, undefined, {}, () => resolve())),
    (listener) => process.on('message', listener),
  );
}

// A crash of the core is the host's to see: its stderr goes to the host's log (redacted there), then the host restarts it.
function dieLoudly(error: unknown): void {
  process.stderr.write(`Kaunter's core stopped on an error it did not expect: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
process.on('uncaughtException', dieLoudly);
process.on('unhandledRejection', dieLoudly);

const parentPort = (process as { parentPort?: ParentPort }).parentPort;
const channel = parentPort ? parentPortChannel(parentPort) : nodeIpcChannel();
// If the host goes away without saying close (it crashed or was killed), there is nobody left to serve.
process.on('disconnect', () => process.exit(0));
void serveCore(channel)
  .then(() => channel.flush())
  .then(() => process.exit(0));
