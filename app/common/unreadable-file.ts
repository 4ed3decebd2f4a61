// Why a file someone named could not be read, said for the person who named it rather than as Node's error code.
const WHY: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'this user may not read it',
  EPERM: 'this user may not read it',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ELOOP: 'its path goes round in a loop of links',
  ENAMETOOLONG: 'its path is too long',
};

export function whyUnreadable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'the system did not say why';
  // A code not in the list (a disk fault, too many files open) is kept, for whoever helps them find the cause.
  return WHY[code] ?? `the system said ${code}`;
}
