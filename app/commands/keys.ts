// `kaunter keys generate --out DIR`: a new RSA-2048 pair for RM's Merchant Portal. Both files are written whole to new
// temporary files before either is renamed into place, and a public key renamed before a failed rename is put back
// (replaceFilesTogether), so a failure leaves the old pair. The private key is 0600 from its first byte even when
// --force replaces an older, wider file, and a symbolic link planted where a key goes is refused, never written
// through.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { whyUnwritable } from '../common/file-errors.ts';
import { makePrivateFolder, NotAFileError, refuseAllButAFile, replaceFilesTogether, SymlinkRefusedError } from '../private-files.ts';
import { generateKeyPair, loadPublicKey, publicKeyFingerprint } from '../rm/keys.ts';

const PUBLIC_FILE_MODE = 0o644;

export const PRIVATE_KEY_FILE = 'private_key.pem';
export const PUBLIC_KEY_FILE = 'public_key.pem';

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Make the RSA keys that sign requests to Revenue Monster.');
  keys
    .command('generate')
    .description('Write a new RSA-2048 key pair and print the public key to paste into RM\'s Merchant Portal.')
    .requiredOption('--out <dir>', 'folder for private_key.pem (PKCS#1) and public_key.pem (SPKI)')
    .option('--force', 'replace keys already in the folder')
    .action(async (options: { out: string; force?: boolean }) => {
      if (existsSync(options.out) && !statSync(options.out).isDirectory()) {
        throw new Error(`--out ${options.out} is a file, not a folder: give the folder to write ${PRIVATE_KEY_FILE} and ${PUBLIC_KEY_FILE} into.`);
      }
      const privatePath = join(options.out, PRIVATE_KEY_FILE);
      const publicPath = join(options.out, PUBLIC_KEY_FILE);
      for (const path of [privatePath, publicPath]) refuseAllButAKeyFile(path);
      if (existsSync(privatePath) && !options.force) {
        throw new Error(`${privatePath} already exists; pass --force to replace it (the old key stops working at RM).`);
      }
      const pair = await generateKeyPair();
      try {
        makePrivateFolder(options.out);
        // The private key last: nothing is renamed after it, so an old private key is never read back to be put back.
        replaceFilesTogether([
          { path: publicPath, content: pair.publicKeyPem, mode: PUBLIC_FILE_MODE },
          { path: privatePath, content: pair.privateKeyPem },
        ]);
      } catch (error) {
        if (error instanceof SymlinkRefusedError) throw error;
        throw new Error(`Cannot write the keys into --out ${options.out}: ${whyUnwritable(error)}.`);
      }
      console.log(pair.publicKeyPem.trimEnd());
      console.log(`SHA-256 fingerprint: ${publicKeyFingerprint(loadPublicKey(pair.publicKeyPem))}`);
      console.log(`Private key: ${privatePath} (keep it secret; upload only the public key above)`);
    });
}

/** A folder, pipe or device where a key goes is refused before a key is made; a link, as everywhere Kaunter writes. */
function refuseAllButAKeyFile(path: string): void {
  try {
    refuseAllButAFile(path);
  } catch (error) {
    if (error instanceof NotAFileError) throw new Error(`${path} is ${error.found}: move it out of the way, or give --out another folder.`);
    // Anything else (a folder this user may not search) is said in words by the write that follows.
    if (error instanceof SymlinkRefusedError) throw error;
  }
}
