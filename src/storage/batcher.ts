/** An input waiting for the next batch, with the promise its caller holds. */
interface Pending<In, Out> {
  readonly input: In;
  readonly resolve: (value: Out) => void;
  readonly reject: (reason: unknown) => void;
}

/** Runs one batch: one output per input, in the inputs' order. */
export type RunBatch<In, Out> = (inputs: readonly In[]) => Promise<readonly Out[]>;

/**
 * Statement batching: the inputs of one kind of operation that arrive while its last batch is
 * still running go to the database together, in one statement (decision 0008). On PostgreSQL
 * a respondent's statement costs a round trip, its parse and plan, and for a write a commit
 * that waits for the WAL to reach the disk; one statement for twenty respondents pays those
 * once. With nothing running, an input waits only for the end of the current turn of the
 * event loop, so a lone respondent gets a batch of one at once.
 *
 * Each caller hears back only when the statement holding its input has finished (a write has
 * committed: a statement outside a transaction is its own). If a batch fails for a reason
 * other than the database being unavailable (a bug, a deadlock with another process), each of
 * its inputs is tried again alone, so one bad input cannot fail its neighbours; when the
 * database is unavailable, every input of the batch fails with that error.
 */
export class Batcher<In, Out> {
  private pending: Pending<In, Out>[] = [];
  private running = 0;
  private scheduled = false;

  /**
   * @param inFlight how many batches may run at once (each on a connection of its own): more
   *   than one keeps a slow commit from holding up every other respondent.
   */
  constructor(
    private readonly runBatch: RunBatch<In, Out>,
    private readonly isUnavailable: (error: unknown) => boolean,
    private readonly inFlight = 2,
    private readonly maxBatch = 256,
  ) {}

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled && this.running < this.inFlight) {
        this.scheduled = true;
        // After the current turn of the event loop: requests parsed in it join this batch.
        setImmediate(() => {
          this.scheduled = false;
          this.next();
        });
      }
    });
  }

  /** Starts batches while inputs wait and a slot is free. */
  private next(): void {
    while (this.pending.length > 0 && this.running < this.inFlight) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.running++;
      void this.settle(batch).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  private async settle(batch: readonly Pending<In, Out>[]): Promise<void> {
    let outputs: readonly Out[];
    try {
      outputs = await this.runBatch(batch.map((item) => item.input));
    } catch (error) {
      if (batch.length === 1 || this.isUnavailable(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      for (const item of batch) {
        try {
          const [output] = await this.runBatch([item.input]);
          item.resolve(output as Out);
        } catch (alone) {
          item.reject(alone);
        }
      }
      return;
    }
    batch.forEach((item, i) => {
      item.resolve(outputs[i] as Out);
    });
  }
}
