import type { Compilable, CompiledQuery, QueryResult } from 'kysely';

/** Stands in for a parameter while a query is built; replaced by the real value each run. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * Something that runs compiled queries: a `Kysely` instance, a transaction, or one of the
 * driver's connections (which skips Kysely's executor: no plugins, no query transforms).
 */
export interface Executor {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** A query compiled once, run with new parameter values each time. */
export interface Precompiled<Args extends readonly unknown[], R> {
  (executor: Executor, ...args: Args): Promise<QueryResult<R>>;
  /** The compiled SQL text. */
  readonly sql: string;
  /** The parameter values of a run with `args`, in the SQL's order. */
  parameters(...args: Args): unknown[];
}

/**
 * Builds and compiles a query once, with placeholders where `build`'s parameters go, and
 * returns a function that runs the compiled SQL with the real values. Building a Kysely query
 * and compiling it cost more than running one of Canvass's small queries on SQLite (about
 * 18 µs against 6 µs a query in the profile), and the SQL text never changes between
 * requests. Kysely still writes every statement, for whichever dialect `build` uses; only the
 * per-request rebuilding goes. Every parameter of `build` must reach the query as a value.
 */
export function precompile<Args extends readonly unknown[], R>(
  build: (...params: Args) => Compilable<R>,
): Precompiled<Args, R> {
  const slots = Array.from({ length: build.length }, (_, i) => new Slot(i));
  const compiled = build(...(slots as unknown as Args)).compile();
  const template = compiled.parameters;
  const positions = template.map((value) => (value instanceof Slot ? value.index : -1));
  for (const slot of slots) {
    if (!positions.includes(slot.index)) {
      throw new Error(`precompile: parameter ${slot.index} is not a value of the query`);
    }
  }
  const parameters = (...args: Args): unknown[] => {
    const values = new Array<unknown>(template.length);
    for (let i = 0; i < template.length; i++) {
      const position = positions[i] as number;
      values[i] = position < 0 ? template[i] : args[position];
    }
    return values;
  };
  const { sql, query, queryId } = compiled;
  // Spelled out rather than spread: a spread of the compiled query went through V8's slow
  // object-clone path on every run.
  const run = (executor: Executor, ...args: Args) =>
    executor.executeQuery<R>({ sql, query, queryId, parameters: parameters(...args) });
  return Object.assign(run, { sql, parameters });
}

/** More lengths than a page has questions; beyond it a length is compiled on every run. */
const MAX_LENGTHS = 64;

/** A statement compiled once per length of the list it takes, run with new values each time. */
export interface PrecompiledByLength<R> {
  /** Runs the statement for `length` items with `values`, in the order `build` placed them. */
  (executor: Executor, length: number, values: readonly unknown[]): Promise<QueryResult<R>>;
}

/**
 * `precompile` for a statement whose text grows with a list (an `IN (…)` list, the rows of a
 * multi-row `VALUES`): built and compiled the first time a length runs, then reused for that
 * length. `build(length, value)` builds the statement with `value(i)` wherever the i-th of
 * the run's values goes; every value must reach the query as a parameter.
 */
export function precompileByLength<R>(
  build: (length: number, value: (index: number) => never) => Compilable<R>,
): PrecompiledByLength<R> {
  const compiledByLength = new Map<
    number,
    {
      sql: string;
      query: CompiledQuery<R>['query'];
      queryId: CompiledQuery<R>['queryId'];
      positions: number[];
    }
  >();
  const compile = (length: number) => {
    let count = 0;
    const compiled = build(length, (index) => {
      count = Math.max(count, index + 1);
      return new Slot(index) as never;
    }).compile();
    const positions = compiled.parameters.map((value) =>
      value instanceof Slot ? value.index : -1,
    );
    for (let index = 0; index < count; index++) {
      if (!positions.includes(index)) {
        throw new Error(`precompileByLength: value ${index} is not a parameter of the query`);
      }
    }
    if (positions.includes(-1)) {
      throw new Error('precompileByLength: every parameter must be a value of the run');
    }
    const { sql, query, queryId } = compiled;
    return { sql, query, queryId, positions };
  };
  return (executor, length, values) => {
    let shape = compiledByLength.get(length);
    if (shape === undefined) {
      shape = compile(length);
      if (compiledByLength.size < MAX_LENGTHS) compiledByLength.set(length, shape);
    }
    const { sql, query, queryId, positions } = shape;
    const parameters = new Array<unknown>(positions.length);
    for (let i = 0; i < positions.length; i++) parameters[i] = values[positions[i] as number];
    return executor.executeQuery<R>({ sql, query, queryId, parameters });
  };
}
