// Why a file someone named could not be read, said for the person who named it rather than as Node's error code.
const WHY: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'this user may not read it',
  EPERM: 'this user may not read it',
  ENOTDIR: 'a part of its path is a file, not a folder',
};

export function whyUnreadable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (WHY[code] ?? code) : 'it could not be read';
}
