/**
 * Whether a process with this pid exists. One that belongs to another user (EPERM) exists too: it is not ours to
 * signal, but it runs.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
