// Why a file or folder someone named could not be read or made, said for the person who named it rather than as
// Node's error code.
const WHY_EITHER: Record<string, string> = {
  ENOTDIR: 'a part of its path is a file, not a folder',
  ELOOP: 'its path goes round in a loop of links',
  ENAMETOOLONG: 'its path is too long',
  EIO: 'the disk reported a fault',
  EMFILE: 'too many files are open: try again',
  ENFILE: 'too many files are open: try again',
  EBUSY: 'it is in use by another program',
};

const WHY_UNREADABLE: Record<string, string> = {
  ...WHY_EITHER,
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'this user may not read it',
  EPERM: 'this user may not read it',
};

const WHY_UNWRITABLE: Record<string, string> = {
  ...WHY_EITHER,
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  EROFS: 'the disk there is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'this user\'s disk quota is full',
  EISDIR: 'a folder is where a file goes',
  // mkdir under a folder that exists: a file system that takes no new folders (/proc, /sys).
  ENOENT: 'nothing new can be made there',
};

export function whyUnreadable(error: unknown): string {
  return said(error, WHY_UNREADABLE);
}

export function whyUnwritable(error: unknown): string {
  return said(error, WHY_UNWRITABLE);
}

function said(error: unknown, words: Record<string, string>): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'the system did not say why';
  // A code not in the list (a disk fault, too many files open) is kept, for whoever helps them find the cause.
  return words[code] ?? `the system said ${code}`;
}
