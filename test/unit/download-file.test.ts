// The head-office export is saved from a Blob folded as it streams in: no Blob is ever made of more than about 8 MB of
// the page's own bytes, and the file saved is every byte, in order.
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadFile } from '../../renderer/hub/download-file.ts';

const MB = 1024 * 1024;
const RealBlob = globalThis.Blob;

/** Watches every Blob made: how many of the page's own bytes (not earlier Blobs) went into each. */
function watchBlobs(): number[] {
  const made: number[] = [];
  globalThis.Blob = class extends RealBlob {
    constructor(...args: ConstructorParameters<typeof RealBlob>) {
      super(...args);
      const [parts = []] = args;
      made.push(parts.reduce<number>((sum, part) => sum + (part instanceof Uint8Array ? part.byteLength : 0), 0));
    }
  };
  return made;
}

afterEach(() => {
  globalThis.Blob = RealBlob;
});

function chunk(index: number, size: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(size).fill(index % 251);
}

describe('a download file', () => {
  it('folds 64 MB in Blobs of about 8 MB of page bytes each, and gives back every byte in order', async () => {
    const made = watchBlobs();
    const file = new DownloadFile('text/csv');
    const sizes: number[] = [];
    for (let index = 0, total = 0; total < 64 * MB; index += 1) {
      const size = 64 * 1024 + ((index * 7919) % 300_000);
      file.add(chunk(index, size));
      sizes.push(size);
      total += size;
    }
    const blob = file.blob();
    expect(made.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...made)).toBeLessThan(8 * MB + 400_000);
    expect(made.reduce((sum, bytes) => sum + bytes, 0)).toBe(blob.size);
    expect(blob.type).toBe('text/csv');
    expect(blob.size).toBe(sizes.reduce((sum, size) => sum + size, 0));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let offset = 0;
    sizes.forEach((size, index) => {
      expect([bytes[offset], bytes[offset + size - 1]], `chunk ${index}`).toEqual([index % 251, index % 251]);
      offset += size;
    });
  });

  it('is an empty file when nothing came, and a small file whole when asked for', async () => {
    expect(new DownloadFile('text/csv').blob().size).toBe(0);
    const file = new DownloadFile('text/csv');
    file.add(new TextEncoder().encode('a,b\n'));
    file.add(new TextEncoder().encode('1,2\n'));
    expect(await file.blob().text()).toBe('a,b\n1,2\n');
  });
});
