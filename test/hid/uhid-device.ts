// A virtual USB HID device made by writing `struct uhid_event` (linux/uhid.h, packed, 4376 bytes) to /dev/uhid.
// The kernel then treats it like a plugged-in scanner: hid-generic binds it, /dev/hidrawN appears, node-hid lists and
// opens it. Closing the file descriptor or UHID_DESTROY is the unplug. Runs only inside the QEMU guest.
import { closeSync, openSync, writeSync } from 'node:fs';

const EVENT_SIZE = 4376;
const UHID_DESTROY = 1;
const UHID_CREATE2 = 11;
const UHID_INPUT2 = 12;
const BUS_USB = 0x03;

// struct uhid_create2_req, after the 4-byte event type.
const NAME_OFFSET = 4;
const NAME_SIZE = 128;
const PHYS_OFFSET = 132;
const UNIQ_OFFSET = 196;
const IDS_SIZE = 64;
const RD_SIZE_OFFSET = 260;
const BUS_OFFSET = 262;
const VENDOR_OFFSET = 264;
const PRODUCT_OFFSET = 268;
const VERSION_OFFSET = 272;
const COUNTRY_OFFSET = 276;
const RD_DATA_OFFSET = 280;
// struct uhid_input2_req.
const INPUT_SIZE_OFFSET = 4;
const INPUT_DATA_OFFSET = 6;

export interface UhidSpec {
  name: string;
  vendorId: number;
  productId: number;
  serial: string;
  descriptor: readonly number[];
}

/**
 * A HID POS barcode scanner (usage page 0x8C, usage 0x02) with the Honeywell input report: report ID 2, a length
 * byte, AIM symbology identifier (3), decoded data (56), vendor symbology code, reserved, continuation bit + padding.
 */
export const HID_POS_SCANNER_DESCRIPTOR: readonly number[] = [
  0x05, 0x8c, //       Usage Page (Bar Code Scanner)
  0x09, 0x02, //       Usage (Bar Code Scanner)
  0xa1, 0x01, //       Collection (Application)
  0x85, 0x02, //         Report ID (2)
  0x09, 0x12, //         Usage (Scanned Data Report)
  0xa1, 0x02, //         Collection (Logical)
  0x15, 0x00, //           Logical Minimum (0)
  0x26, 0xff, 0x00, //     Logical Maximum (255)
  0x75, 0x08, //           Report Size (8)
  0x06, 0x00, 0xff, //     Usage Page (Vendor)
  0x09, 0x01, //           Usage (length of the data field)
  0x95, 0x01, //           Report Count (1)
  0x81, 0x02, //           Input (Data, Variable, Absolute)
  0x05, 0x8c, //           Usage Page (Bar Code Scanner)
  0x09, 0xfb, 0x09, 0xfc, 0x09, 0xfd, // Usage (Symbology Identifier 1, 2, 3)
  0x95, 0x03, //           Report Count (3)
  0x81, 0x02, //           Input (Data, Variable, Absolute)
  0x09, 0xfe, //           Usage (Decoded Data)
  0x95, 0x38, //           Report Count (56)
  0x82, 0x02, 0x01, //     Input (Data, Variable, Absolute, Buffered Bytes)
  0x06, 0x00, 0xff, //     Usage Page (Vendor)
  0x09, 0x02, 0x09, 0x03, // Usage (vendor symbology code, reserved)
  0x95, 0x02, //           Report Count (2)
  0x81, 0x02, //           Input (Data, Variable, Absolute)
  0x05, 0x8c, //           Usage Page (Bar Code Scanner)
  0x09, 0xff, //           Usage (Decoded Data Continued)
  0x25, 0x01, //           Logical Maximum (1)
  0x75, 0x01, //           Report Size (1)
  0x95, 0x01, //           Report Count (1)
  0x81, 0x02, //           Input (Data, Variable, Absolute)
  0x75, 0x07, //           Report Size (7)
  0x81, 0x03, //           Input (Constant): padding
  0xc0, //               End Collection
  0xc0, //             End Collection
];

/** The boot keyboard descriptor of the HID 1.11 specification (appendix E.6): what keyboard-mode scanners present. */
export const BOOT_KEYBOARD_DESCRIPTOR: readonly number[] = [
  0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, // Usage Page (Generic Desktop), Usage (Keyboard), Collection (Application)
  0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, // 8 modifier bits
  0x95, 0x01, 0x75, 0x08, 0x81, 0x01, // reserved byte
  0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x91, 0x02, // LED output bits
  0x95, 0x01, 0x75, 0x03, 0x91, 0x01, // LED padding
  0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0x65, 0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, // six key slots
  0xc0,
];

export class UhidDevice {
  private fd: number | undefined;

  readonly spec: UhidSpec;
  private constructor(spec: UhidSpec) {
    this.spec = spec;
    this.fd = openSync('/dev/uhid', 'r+');
    const event = Buffer.alloc(EVENT_SIZE);
    event.writeUInt32LE(UHID_CREATE2, 0);
    event.write(spec.name, NAME_OFFSET, NAME_SIZE - 1, 'utf8');
    event.write('kaunter-test/uhid', PHYS_OFFSET, IDS_SIZE - 1, 'utf8');
    event.write(spec.serial, UNIQ_OFFSET, IDS_SIZE - 1, 'utf8');
    event.writeUInt16LE(spec.descriptor.length, RD_SIZE_OFFSET);
    event.writeUInt16LE(BUS_USB, BUS_OFFSET);
    event.writeUInt32LE(spec.vendorId, VENDOR_OFFSET);
    event.writeUInt32LE(spec.productId, PRODUCT_OFFSET);
    event.writeUInt32LE(0x0100, VERSION_OFFSET);
    event.writeUInt32LE(0, COUNTRY_OFFSET);
    Buffer.from(spec.descriptor).copy(event, RD_DATA_OFFSET);
    this.write(event);
  }

  /** Plugs the device in. */
  static plug(spec: UhidSpec): UhidDevice {
    return new UhidDevice(spec);
  }

  /** Sends input reports exactly as given (report ID first for numbered reports). */
  send(reports: readonly Uint8Array[]): void {
    for (const report of reports) {
      const event = Buffer.alloc(EVENT_SIZE);
      event.writeUInt32LE(UHID_INPUT2, 0);
      event.writeUInt16LE(report.length, INPUT_SIZE_OFFSET);
      Buffer.from(report).copy(event, INPUT_DATA_OFFSET);
      this.write(event);
    }
  }

  /** Pulls the cable. */
  unplug(): void {
    if (this.fd === undefined) return;
    const event = Buffer.alloc(EVENT_SIZE);
    event.writeUInt32LE(UHID_DESTROY, 0);
    this.write(event);
    closeSync(this.fd);
    this.fd = undefined;
  }

  private write(event: Buffer): void {
    if (this.fd === undefined) throw new Error(`${this.spec.name} is unplugged`);
    const written = writeSync(this.fd, event);
    if (written !== EVENT_SIZE) throw new Error(`short write to /dev/uhid: ${written} of ${EVENT_SIZE} bytes`);
  }
}
