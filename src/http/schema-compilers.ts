/**
 * Fastify's route-schema compilers (Ajv for validation, fast-json-stringify for responses),
 * loaded the first time a route has a schema. Fastify requires both when an app is made, some
 * 100 modules and ~1.6 MB of a server's RSS (docs/performance.md, "Memory"), and Canvass's
 * routes have none: forms and cookies are read through zod. They are Fastify's own compilers,
 * resolved from Fastify's own location, each made once as Fastify makes it. Supplied this way
 * Fastify counts them as custom compilers, which only means it leaves the case of a header
 * schema's keys as written (Canvass has no header schemas).
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type BuildValidator = NonNullable<Factories['buildValidator']>;
type BuildSerializer = NonNullable<Factories['buildSerializer']>;

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

let validator: BuildValidator | undefined;
let serializer: BuildSerializer | undefined;

/** Fastify's `schemaController` option: its default compilers, built on first use. */
export const lazySchemaCompilers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: {
    buildValidator: (...args) =>
      (validator ??= (fromFastify('@fastify/ajv-compiler') as () => BuildValidator)())(...args),
    buildSerializer: (...args) =>
      (serializer ??= (
        fromFastify('@fastify/fast-json-stringify-compiler') as () => BuildSerializer
      )())(...args),
  },
};
