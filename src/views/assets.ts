import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A static asset served under a content-hashed name, so browsers may cache it forever. */
export interface Asset {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

function load(file: string, contentType: string): Asset {
  // The sources sit beside this module in src/, and the build does not copy them: read from src/.
  const body = readFileSync(new URL(`../../src/views/assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 10);
  const [name, ext] = file.split('.');
  return { path: `/static/${name ?? file}.${hash}.${ext ?? ''}`, contentType, body };
}

/** The stylesheet every page links. */
export const stylesheet: Asset = load('canvass.css', 'text/css; charset=utf-8');
