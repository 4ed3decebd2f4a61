// The sandbox's socket on 127.0.0.1: listening, refusing connections for a while (a shop's line going down) and
// listening again on the same port, and closing cleanly. Operations run one after another, never interleaved.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { errorEnvelope, RmRefusal, SandboxOptionsError } from './errors.ts';
import { PendingTimers } from './timers.ts';

const HOST = '127.0.0.1';

export class Listener {
  readonly timers = new PendingTimers();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private closed = false;
  /** Bumped by every refuse/resume, so a scheduled resume knows whether it is still wanted. */
  private generation = 0;
  private queue: Promise<void> = Promise.resolve();

  private readonly log: (line: string) => void;
  constructor(handler: RequestListener, log: (line: string) => void) {
    this.log = log;
    this.server = createServer(handler);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('clientError', answerMalformedRequest);
  }

  async listen(port: number): Promise<number> {
    await this.listenOn(port);
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('The sandbox has no TCP address');
    this.port = address.port;
    return this.port;
  }

  /** Stop accepting connections (clients get ECONNREFUSED) and drop the open ones. */
  refuse(): Promise<void> {
    this.generation += 1;
    return this.enqueue(() => this.stopListening());
  }

  /** Listen again on the same port. */
  resume(): Promise<void> {
    this.generation += 1;
    return this.enqueue(() => this.listenAgain());
  }

  /**
   * Refuse now and listen again after `ms`, unless refuse() or resume() was called meanwhile (the caller took over).
   * Failing to listen again is logged: nobody is waiting for it.
   */
  refuseFor(ms: number): void {
    void this.refuse();
    const generation = this.generation;
    void this.timers.wait(ms).then((completed) => {
      if (!completed || generation !== this.generation) return;
      this.enqueue(() => this.listenAgain()).catch((error: unknown) => {
        this.log(`could not listen again on port ${this.port}: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.timers.cancelAll();
    return this.enqueue(() => this.stopListening());
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private listenAgain(): Promise<void> {
    return this.closed || this.server.listening ? Promise.resolve() : this.listenOn(this.port);
  }

  private listenOn(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        this.server.off('listening', onListening);
        reject(
          error.code === 'EADDRINUSE'
            ? new SandboxOptionsError(`Port ${port} is already in use; choose another port, or 0 for any free one.`)
            : error,
        );
      };
      const onListening = (): void => {
        this.server.off('error', onError);
        resolve();
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen(port, HOST);
    });
  }

  private stopListening(): Promise<void> {
    if (!this.server.listening) {
      this.destroySockets();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.destroySockets();
    });
  }

  private destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

// Requests Node's HTTP parser rejects (bad request line, oversized headers) still get an RM-style envelope.
function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const message = tooLarge ? 'The request headers are too large.' : 'This is not a well-formed HTTP request.';
  const body = JSON.stringify(errorEnvelope(new RmRefusal(status, 'VALIDATION_ERROR', message)));
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
