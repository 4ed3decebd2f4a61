// A download built as its bytes stream in, without holding them in the page: every few megabytes the chunks are folded
// into a Blob, whose bytes the browser keeps outside the page's heap (and may page to disk once its blob memory is used
// up). A Blob made of an earlier Blob shares its parts, never copies them. A chain's year of awards is hundreds of
// megabytes of CSV, more than a tab's memory should hold at once.
const FOLD_BYTES = 8 * 1024 * 1024;

export class DownloadFile {
  private folded: Blob;
  private pending: Array<Uint8Array<ArrayBuffer>> = [];
  private pendingBytes = 0;

  private readonly type: string;
  constructor(type: string) {
    this.type = type;
    this.folded = new Blob([], { type });
  }

  add(bytes: Uint8Array<ArrayBuffer>): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= FOLD_BYTES) this.fold();
  }

  /** The whole file so far. */
  blob(): Blob {
    this.fold();
    return this.folded;
  }

  private fold(): void {
    if (this.pending.length === 0) return;
    this.folded = new Blob([this.folded, ...this.pending], { type: this.type });
    this.pending = [];
    this.pendingBytes = 0;
  }
}
