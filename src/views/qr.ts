import { dangerouslyRawHtml, escapeHtml, type SafeHtml } from './html.js';

/**
 * `text` as a QR code in inline SVG (no script, no image request), labelled for assistive
 * technology with `label`. The markup is the qrcode package's own (paths and a viewBox); the
 * label is escaped, so only program-made markup goes in raw.
 */
export async function qrCodeSvg(text: string, label: string): Promise<SafeHtml> {
  // Loaded on the first link page, not at startup (most processes never draw one).
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return dangerouslyRawHtml(
    svg.replace('<svg ', `<svg class="qr-code" role="img" aria-label="${escapeHtml(label)}" `),
  );
}
