// The head-office export is saved from a Blob folded as it streams in: the page never holds more than a few megabytes of
// it at once, and the file saved is every byte, in order.
import { describe, expect, it } from 'vitest';
import { DownloadFile } from '../../renderer/hub/download-file.ts';

const MB = 1024 * 1024;

function chunk(index: number, size: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(size).fill(index % 251);
}

describe('a download file', () => {
  it('holds at most about 8 MB in the page while 64 MB stream in, and gives back every byte in order', async () => {
    const file = new DownloadFile('text/csv');
    let mostHeld = 0;
    const sizes: number[] = [];
    for (let index = 0, total = 0; total < 64 * MB; index += 1) {
      const size = 64 * 1024 + ((index * 7919) % 300_000);
      file.add(chunk(index, size));
      sizes.push(size);
      total += size;
      mostHeld = Math.max(mostHeld, file.heldBytes);
    }
    expect(mostHeld).toBeLessThan(8 * MB);
    const blob = file.blob();
    expect(blob.type).toBe('text/csv');
    expect(blob.size).toBe(sizes.reduce((sum, size) => sum + size, 0));
    expect(file.heldBytes).toBe(0);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let offset = 0;
    sizes.forEach((size, index) => {
      expect([bytes[offset], bytes[offset + size - 1]], `chunk ${index}`).toEqual([index % 251, index % 251]);
      offset += size;
    });
  });

  it('is an empty file when nothing came, and a small file is kept whole until it is asked for', async () => {
    expect(new DownloadFile('text/csv').blob().size).toBe(0);
    const file = new DownloadFile('text/csv');
    file.add(new TextEncoder().encode('a,b\n'));
    file.add(new TextEncoder().encode('1,2\n'));
    expect(file.heldBytes).toBe(8);
    expect(await file.blob().text()).toBe('a,b\n1,2\n');
  });
});
