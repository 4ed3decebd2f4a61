// Everything about scanners that settings store, as one schema: which devices, how to clean a scan, how to read it as
// a member, and how the renderer tells a keyboard-mode scanner from a person. Parsing `{}` gives the defaults.
import { z } from 'zod';
import { identityRulesSchema } from './identity-rules.ts';

const usbId = z.int().min(0).max(0xffff);

export const savedScannerSchema = z.object({
  vendorId: usbId,
  productId: usbId,
  /** Leave unset to use the vendor's known layout (Newland: data-first; everyone else: symbology-first). */
  hidPosLayout: z.enum(['symbology-first', 'data-first']).optional(),
  label: z.string().max(80).optional(),
});

export const scanAssemblySchema = z.object({
  prefix: z.string().max(20).default(''),
  suffix: z.string().max(20).default(''),
  minLength: z.int().min(1).max(100).default(3),
  stripSymbologyIdentifier: z.boolean().default(true),
});

export const keystrokeReaderSchema = z.object({
  maxGapMs: z.int().min(10).max(500).default(55),
  minLength: z.int().min(1).max(100).default(3),
  scanIntoEditableFields: z.boolean().default(false),
  endWithoutTerminator: z.boolean().default(false),
});

export const scannerSettingsSchema = z.object({
  /** Scanners the shop picked by vendor/product ID (keyboard-mode ones must be picked: keyboards are not scanners). */
  savedScanners: z.array(savedScannerSchema).max(20).default([]),
  /** Open any HID POS scanner (usage page 0x8C) without being told its IDs. */
  openAnyHidPosScanner: z.boolean().default(true),
  assembly: scanAssemblySchema.prefault({}),
  identity: identityRulesSchema.prefault({}),
  keystrokes: keystrokeReaderSchema.prefault({}),
});

export type SavedScanner = z.infer<typeof savedScannerSchema>;
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;

export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = scannerSettingsSchema.parse({});
