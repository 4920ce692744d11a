/**
 * The normalised definition that a survey version is the hash of (docs/decisions/0005),
 * derived from the schemas rather than from a list of fields: keys in schema shape order,
 * every key that holds its default omitted, unless format 1 always wrote it (`alwaysWritten`).
 * So adding a key with a default to a kind never changes an existing survey's hash, and a
 * format-1 file hashes exactly as it did before format 2 (pinned by the golden test).
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { canonicalRules, type CanonicalRule } from './canonical-meta.js';
import { kinds, type Question } from './registry.js';

/** The rule registered on the schema or on any wrapper around it (default, optional). */
function ruleOf(schema: z.ZodType): CanonicalRule | undefined {
  for (let s: z.ZodType | undefined = schema; s !== undefined; s = unwrapOnce(s)) {
    const rule = canonicalRules.get(s);
    if (rule !== undefined) return rule;
  }
  return undefined;
}

function unwrapOnce(schema: z.ZodType): z.ZodType | undefined {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) {
    return schema.def.innerType as z.ZodType;
  }
  return undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let inner = unwrapOnce(s); inner !== undefined; inner = unwrapOnce(s)) s = inner;
  return s;
}

/** True when `value` is what the key would be if the file left it out. */
function holdsDefault(field: z.ZodType, value: unknown, position: number): boolean {
  const rule = ruleOf(field);
  if (rule?.rule === 'always') return false;
  if (rule?.rule === 'positional') return value === rule.at(position);
  for (let s: z.ZodType | undefined = field; s !== undefined; s = unwrapOnce(s)) {
    if (s instanceof z.ZodDefault) return isDeepStrictEqual(value, s.def.defaultValue);
  }
  return false;
}

/**
 * The canonical form of a validated `value` of `schema`. `position` is the 1-based position of
 * the enclosing question, for defaults that depend on it (`id`).
 */
export function canonicalValue(schema: z.ZodType, value: unknown, position = 0): unknown {
  const rule = ruleOf(schema);
  if (rule?.rule === 'write') return rule.write(value);
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const shape: Readonly<Record<string, z.ZodType>> = inner.shape;
    for (const [key, field] of Object.entries(shape)) {
      const v = record[key];
      if (v === undefined || holdsDefault(field, v, position)) continue;
      out[key] = canonicalValue(field, v, position);
    }
    return out;
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((element: unknown) =>
      canonicalValue(inner.element as z.ZodType, element, position),
    );
  }
  return value;
}

/** One question's canonical form, by its own kind's schema; `position` is 1-based. */
export function canonicalQuestion(question: Question, position: number): unknown {
  return canonicalValue(kinds[question.type].schema, question, position);
}
