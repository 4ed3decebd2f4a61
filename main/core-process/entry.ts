// The core process's entry, the same file for every host: under Electron it is a utility process and talks to main
// through `process.parentPort`; under Node (the browser host, tests) it is a child process and talks over its IPC
// channel. Either way it serves the core until the host says close, then exits.
import { batchedChannel } from '../../app/core-process/batched-channel.ts';
import type { ChannelEnd } from '../../app/core-process/protocol.ts';
import { serveCore } from '../../app/core-process/serve-core.ts';

/** The part of Electron's ParentPort used here (a global on `process` in a utility process; no import needed). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentPortChannel(port: ParentPort): ChannelEnd {
  return batchedChannel(
    (batch) => port.postMessage(batch),
    (listener) => port.on('message', (event) => listener(event.data)),
  );
}

function nodeIpcChannel(): ChannelEnd {
  const send = process.send?.bind(process);
  if (!send) throw new Error("Kaunter's core process must be started by Kaunter (it has no channel to its host).");
  return batchedChannel(
    (batch) => void send(batch),
    (listener) => process.on('message', listener),
  );
}

const parentPort = (process as { parentPort?: ParentPort }).parentPort;
const channel = parentPort ? parentPortChannel(parentPort) : nodeIpcChannel();
// If the host goes away without saying close (it crashed or was killed), there is nobody left to serve.
process.on('disconnect', () => process.exit(0));
void serveCore(channel).then(() => process.exit(0));
