// One host's loads for the core-process benchmark, in a process of its own: it takes the job from its parent, runs it
// and sends back the figures (host-loads.ts says why a fresh process).
import { hostLoads, type HostLoadsJob } from './host-loads.ts';

process.once('message', (job: HostLoadsJob) => {
  void hostLoads(job)
    .then((result) => ({ ok: true as const, result }))
    .catch((error: unknown) => ({ ok: false as const, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    // Exits at once: the figures are sent, and nothing else this process holds needs closing (an idle connection
    // of the in-process core's RM client would keep it alive).
    .then((answer) => process.send?.(answer, () => process.exit(0)));
});
