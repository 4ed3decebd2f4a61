// The claim QR drawn here, never fetched: RM's qrCodeUrl encoded as an SVG data URL (error correction M, a 4-module
// quiet zone). Vector, so it stays crisp at any size and on paper. qrcode is loaded on first use to keep it out of the
// counter's first paint.
export async function qrDataUrl(text: string): Promise<string> {
  const { toString } = await import('qrcode');
  const svg = await toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
