// A product's barcode scanned by mistake (the cashier reached for the card and scanned the goods) is all digits, so it
// fits the member ID pattern, replaced the member on screen, and went to RM as a member who does not exist: offline,
// the award queued and came back refused, and the customer lost the points. A HID POS scanner says which symbology it
// read. EAN and UPC (AIM "]E") with a valid GS1 check digit are refused as products, except GS1's in-store number
// ranges, which shops print on their own loyalty cards.
const RETAIL_SYMBOLOGY = /^\]E[0-4]$/;
/** EAN-8, UPC-A and EAN-13. UPC-E's check digit is over its expanded form: not told apart here, so never refused. */
const GTIN_LENGTHS = /^(?:\d{8}|\d{12,13})$/;

export function isProductBarcode(text: string, symbology: string): boolean {
  return RETAIL_SYMBOLOGY.test(symbology) && GTIN_LENGTHS.test(text) && hasGs1CheckDigit(text) && !isInStoreNumber(text);
}

/** GS1's check digit: weights 3 and 1 alternating from the digit next to it, leftwards. */
function hasGs1CheckDigit(digits: string): boolean {
  const body = [...digits.slice(0, -1)].reverse();
  const sum = body.reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

/** Restricted circulation numbers: EAN-13 prefixes 20-29 (and UPC's 2 and 4 written as 02, 04), UPC-A 2 and 4, EAN-8 0 and 2. */
function isInStoreNumber(digits: string): boolean {
  if (digits.length === 13) return digits.startsWith('2') || digits.startsWith('02') || digits.startsWith('04');
  if (digits.length === 12) return digits.startsWith('2') || digits.startsWith('4');
  return digits.startsWith('0') || digits.startsWith('2');
}
