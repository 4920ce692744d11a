/**
 * JavaScript stand-ins for the Python values Flask's tagged JSON can carry. Plain JSON
 * values (strings, numbers, booleans, null, arrays, plain objects) need none of these;
 * `bytes` is a `Uint8Array` and `datetime` a `Date`.
 */

/**
 * A Python `tuple` (`{" t": [...]}` on the wire). Frozen, because tuples are immutable and
 * Flask stores flash messages as `(category, message)` tuples. Array methods that build a
 * new array (`map`, `filter`…) return plain arrays, i.e. Python lists.
 */
export class PyTuple<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** Builds a frozen tuple of the given items. */
  static override of<T>(...items: T[]): PyTuple<T> {
    return PyTuple.fromItems(items);
  }

  /** Builds a frozen tuple from any iterable (no spread, so any length works). */
  static fromItems<T>(items: Iterable<T>): PyTuple<T> {
    const tuple = new PyTuple<T>();
    for (const item of items) tuple.push(item);
    return Object.freeze(tuple);
  }
}

/**
 * A Python `float` whose value is integral (`1.0`, `-0.0`, `1e+16`). JavaScript cannot tell
 * `1.0` from `1`, so loading boxes such floats to write them back byte for byte; every
 * non-integral number is unambiguously a float and stays a plain `number`.
 */
export class PyFloat {
  constructor(readonly value: number) {}

  valueOf(): number {
    return this.value;
  }
}

/** MarkupSafe's `Markup`: a string the sender declared safe HTML (`{" m": ...}`). */
export class Markup {
  constructor(readonly value: string) {}

  /** The markup protocol Flask's `TagMarkup` looks for. */
  __html__(): string {
    return this.value;
  }

  toString(): string {
    return this.value;
  }
}

const URN_OR_BRACES = /^(?:urn:)?(?:uuid:)?\{?([0-9a-fA-F-]+)\}?$/;

/** A Python `uuid.UUID` (`{" u": "<32 hex>"}` on the wire). */
export class UUID {
  private constructor(
    /** 32 lowercase hex digits, no dashes: Python's `UUID.hex` and the wire form. */
    readonly hex: string,
  ) {}

  /**
   * Parses the forms Python's `UUID(str)` accepts in practice: 32 hex digits with or without
   * dashes, optionally in braces or after `urn:uuid:`. Returns `undefined` otherwise.
   */
  static parse(text: string): UUID | undefined {
    const match = URN_OR_BRACES.exec(text);
    const hex = match?.[1]?.replace(/-/g, '');
    return hex?.length === 32 ? new UUID(hex.toLowerCase()) : undefined;
  }

  /** The dashed form, like Python's `str(uuid)`. */
  toString(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
