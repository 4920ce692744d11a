/**
 * The webhook worker (issue 17 item 4, docs/decisions/0018): every `canvass serve` process runs
 * one. Each pass leases the deliveries that are due (the oldest pending one of each endpoint),
 * POSTs them side by side, one per endpoint, and records each outcome: delivered on a 2xx,
 * otherwise tried again after an exponential backoff with jitter until `maxAttempts`, then
 * failed. A delivery is only settled by the worker that leased it, and the lease outlives the
 * attempt's timeout, so two workers (processes, machines) never send one at the same time; a
 * worker that dies mid-attempt leaves a lease that runs out, and the delivery is sent again
 * (at least once). A pass that fails (the database away) is reported and the next one tries
 * again: nothing here ends the process.
 */
import { randomUUID } from 'node:crypto';
import {
  completedEventBody,
  retryDelay,
  signWebhook,
  surveyFromDefinition,
  testEventBody,
  webhookMessageId,
  type Backoff,
  type Survey,
} from '../domain/index.js';
import type { ClaimedDelivery, SettleInput, Storage } from '../storage/index.js';
import { postWebhook } from './webhook-post.js';

export interface WebhookWorkerOptions {
  readonly storage: Storage;
  /** Milliseconds between passes that found nothing to do. */
  readonly intervalMs?: number;
  /** Milliseconds an attempt may take, connecting included. */
  readonly timeoutMs?: number;
  /** Attempts before a delivery is marked failed. */
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  /** Deliveries (so endpoints) sent at once by one pass. */
  readonly concurrency?: number;
  /** Allow loopback and private receiver addresses (`WEBHOOK_ALLOW_PRIVATE`). */
  readonly allowPrivate?: boolean;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Called when a pass fails (the database may be away); the worker goes on. */
  readonly report?: (error: unknown) => void;
}

/** The defaults: retries over about a day (10 s, 20 s, 40 s … capped at 6 h, 12 attempts). */
export const WEBHOOK_DEFAULTS = {
  intervalMs: 1000,
  timeoutMs: 10_000,
  maxAttempts: 12,
  backoff: { baseMs: 10_000, maxMs: 6 * 3600_000 },
  concurrency: 8,
} as const;

/** How much longer than the attempt's timeout a lease lasts: slack for settling it. */
const LEASE_SLACK_MS = 30_000;

export interface WebhookWorker {
  /** Runs one pass now; resolves with how many deliveries it settled. */
  pass(): Promise<number>;
  /** Stops the timer, aborts attempts in flight and waits for the pass to end. */
  stop(): Promise<void>;
}

/** Starts a worker that passes every `intervalMs` (at once again after a pass that did work). */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const worker = createWebhookWorker(options);
  const interval = options.intervalMs ?? WEBHOOK_DEFAULTS.intervalMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      worker.pass().then(
        (settled) => {
          schedule(settled > 0 ? 0 : interval);
        },
        (error: unknown) => {
          options.report?.(error);
          schedule(interval);
        },
      );
    }, delay);
    timer.unref();
  };
  schedule(0);
  return {
    pass: () => worker.pass(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await worker.stop();
    },
  };
}

/** A worker without a timer: `pass` runs one pass (tests drive it by hand). */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { storage } = options;
  const settings = { ...WEBHOOK_DEFAULTS, ...withoutUndefined(options) };
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const owner = randomUUID();
  const abort = new AbortController();
  const surveys = new Map<number, { survey: Survey; number: number } | undefined>();
  let running: Promise<number> | undefined;
  // A function, not the property: TypeScript would keep its value narrowed across awaits.
  const stopping = () => abort.signal.aborted;

  /** The survey as the response's version defines it (versions never change: cached). */
  async function versionOf(versionId: number) {
    if (surveys.has(versionId)) return surveys.get(versionId);
    const stored = await storage.getVersion(versionId);
    const survey =
      stored === undefined ? undefined : surveyFromDefinition(stored.survey, stored.definition);
    const found =
      survey === undefined || stored === undefined ? undefined : { survey, number: stored.number };
    if (surveys.size >= 256) surveys.clear();
    surveys.set(versionId, found);
    return found;
  }

  /** The body to send, or undefined when its response (or version) is gone. */
  async function bodyOf(delivery: ClaimedDelivery): Promise<string | undefined> {
    if (delivery.type === 'webhook.test') return testEventBody(delivery.survey, delivery.createdAt);
    if (delivery.responseId === null) return undefined;
    const response = await storage.getResponse(delivery.responseId);
    if (response === undefined || response.versionId === null) return undefined;
    const version = await versionOf(response.versionId);
    if (version === undefined) return undefined;
    return completedEventBody(version.survey, version.number, response, delivery.createdAt);
  }

  async function attempt(delivery: ClaimedDelivery): Promise<SettleInput> {
    const body = await bodyOf(delivery);
    const base = { id: delivery.id, owner };
    if (body === undefined) {
      const error = 'not sent: the response was deleted before it could be delivered';
      return {
        ...base,
        at: new Date(now()),
        status: 'skipped',
        attempt: { statusCode: null, error, durationMs: 0 },
      };
    }
    const started = now();
    const result = await postWebhook({
      url: delivery.url,
      headers: signWebhook(delivery.secret, webhookMessageId(delivery.id), new Date(started), body),
      body,
      timeoutMs: settings.timeoutMs,
      allowPrivate: settings.allowPrivate ?? false,
      signal: abort.signal,
    });
    const at = now();
    const log = {
      statusCode: result.kind === 'status' ? result.code : null,
      error: result.kind === 'error' ? result.message : null,
      durationMs: Math.max(0, at - started),
    };
    if (result.kind === 'status' && result.code >= 200 && result.code < 300) {
      return { ...base, at: new Date(at), status: 'delivered', attempt: log };
    }
    const failed = delivery.attempts + 1;
    if (failed >= settings.maxAttempts) {
      return { ...base, at: new Date(at), status: 'failed', attempt: log };
    }
    const wait = retryDelay(failed, settings.backoff, random());
    return {
      ...base,
      at: new Date(at),
      status: 'pending',
      nextAttemptAt: new Date(at + wait),
      attempt: log,
    };
  }

  async function run(): Promise<number> {
    if (stopping()) return 0;
    const at = now();
    const claimed = await storage.claimWebhookDeliveries({
      owner,
      at: new Date(at),
      leaseUntil: new Date(at + settings.timeoutMs + LEASE_SLACK_MS),
      limit: settings.concurrency,
    });
    const settled = await Promise.all(
      claimed.map(async (delivery) => {
        if (stopping()) return false;
        const outcome = await attempt(delivery);
        if (stopping() && outcome.status === 'pending') {
          // Stopped mid-attempt: the lease is given back, no attempt counted (it was cut short,
          // not refused), so another process sends it at once instead of after the lease.
          const at = new Date(now());
          await storage.settleWebhookDelivery({ id: delivery.id, owner, at, status: 'pending' });
          return false;
        }
        return storage.settleWebhookDelivery(outcome);
      }),
    );
    return settled.filter(Boolean).length;
  }

  return {
    pass() {
      // One pass at a time per worker: a second call waits for the one running.
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
    async stop() {
      abort.abort();
      await running?.catch(() => undefined);
    },
  };
}

/** The options given, without the ones left undefined (so the defaults stay). */
function withoutUndefined(options: WebhookWorkerOptions): Partial<WebhookWorkerOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
