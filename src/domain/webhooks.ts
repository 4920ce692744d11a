/**
 * Webhooks (issue 17 item 4, docs/decisions/0018): what Canvass POSTs and how it is signed.
 *
 * Signed per Standard Webhooks (https://www.standardwebhooks.com, spec v1): `webhook-id` (the
 * delivery's id, the same on every retry, so a receiver can drop a duplicate), `webhook-timestamp`
 * (the attempt's Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256>` of
 * `id.timestamp.body` keyed by the base64-decoded secret after `whsec_`. The signing is the
 * `standardwebhooks` package's; tests check it with their own few lines of HMAC.
 *
 * The body is the spec's recommended envelope `{ type, timestamp, data }`; for a completed
 * response `data` is `{ survey, version, response }`, `response` byte for byte the element the
 * JSON export writes for it (exports.ts `jsonResponse`).
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { jsonResponse, type ExportResponse } from './exports.js';
import type { Survey } from './survey.js';

/** The prefix Standard Webhooks gives a secret, so it reads as one wherever it is pasted. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: 24 random bytes (192 bits; the spec asks for 24 to 64), base64. */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(24).toString('base64');
}

/**
 * An endpoint's URL as the owner types it: absolute `http:` or `https:`, no user name or
 * password (they would be sent to wherever it points and shown on the admin pages), at most
 * 2,000 characters.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, 'Give a URL of at most 2,000 characters.')
  .refine((text) => {
    // `URL.parse` needs Node 22; the engines field allows Node 20.
    if (!URL.canParse(text)) return false;
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.username === '' &&
      url.password === ''
    );
  }, 'Give an absolute http:// or https:// URL, without a user name or password.');

/** The headers a delivery carries. */
export type WebhookHeaders = Readonly<
  Record<'content-type' | 'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>
>;

/** The id of a delivery, stable across its retries. */
export function webhookMessageId(deliveryId: number): string {
  return `msg_${deliveryId}`;
}

/** Signs `body` for the attempt made at `at` (Standard Webhooks, see the header comment). */
export function signWebhook(
  secret: string,
  messageId: string,
  at: Date,
  body: string,
): WebhookHeaders {
  return {
    'content-type': 'application/json',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}

/** `response.completed`: one response of `survey` (its version `version`), as the export has it. */
export function completedEventBody(
  survey: Survey,
  version: number,
  response: ExportResponse,
  createdAt: string,
): string {
  // Spliced as text, so `response` is the export's own bytes rather than a re-serialisation.
  return `{"type":"response.completed","timestamp":${JSON.stringify(createdAt)},"data":{"survey":${JSON.stringify(survey.slug)},"version":${version},"response":${jsonResponse(survey, response)}}}`;
}

/** `webhook.test`: what the admin's "Send a test event" button sends. */
export function testEventBody(survey: string | null, createdAt: string): string {
  return JSON.stringify({
    type: 'webhook.test',
    timestamp: createdAt,
    data: { survey, message: 'A test event from Canvass: this endpoint is set up.' },
  });
}

/** How retries are spaced. */
export interface Backoff {
  /** The wait after the first failed attempt, in milliseconds. */
  readonly baseMs: number;
  /** The longest wait. */
  readonly maxMs: number;
}

/**
 * The wait after `failed` failed attempts: `baseMs` doubled each time, at most `maxMs`, then
 * scaled by a random factor from ½ to 1 ("equal jitter"), so receivers that come back are not
 * hit by every sender's retries in the same second. `random` is `Math.random`'s range.
 */
export function retryDelay(failed: number, backoff: Backoff, random: number): number {
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, failed - 1));
  return Math.round(exponential * (0.5 + random / 2));
}
