/**
 * A survey file's text to a validated survey or problems, each with the line it is on
 * (issue 14 item 7). JSON is located with the YAML parser too: JSON is YAML 1.2's flow style,
 * so one locator serves both, while the data itself still comes from `JSON.parse` for JSON.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { parseQuestionsSurvey, type SurveyParse, type SurveyProblem } from './problems.js';

export interface LocatedProblem extends SurveyProblem {
  /** 1-based line of the field (or of the unknown key) in the file, when it can be found. */
  readonly line?: number;
}

export type SourceParse =
  | { readonly ok: true; readonly survey: Extract<SurveyParse, { ok: true }>['survey'] }
  | { readonly ok: false; readonly problems: readonly LocatedProblem[] };

/** `questions[2].choises` → `['questions', 2, 'choises']`. */
function pathParts(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] === undefined ? (m[1] ?? '') : Number(m[2]),
  );
}

/** The node at `parts`, or the deepest one on the way (a missing key: its parent mapping). */
function nodeAt(root: unknown, parts: readonly (string | number)[]): Node | undefined {
  let node = root as Node | undefined;
  for (const part of parts) {
    if (!isMap(node) && !(node !== undefined && 'items' in node)) return node;
    const collection = node as unknown as { get(key: unknown, keepScalar: true): unknown };
    const next = collection.get(part, true) as Node | undefined;
    if (next === undefined) {
      // An unknown key is reported on its mapping: point at the key itself.
      const pair = isMap(node)
        ? node.items.find((p) => isScalar(p.key) && p.key.value === part)
        : undefined;
      return (pair?.key as Node | undefined) ?? node;
    }
    node = next;
  }
  return node;
}

export function parseSurveySource(source: string, syntax: 'yaml' | 'json'): SourceParse {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  let data: unknown;
  try {
    data = syntax === 'json' ? (JSON.parse(source) as unknown) : doc.toJS();
    if (syntax === 'yaml' && doc.errors[0] !== undefined) throw doc.errors[0];
  } catch (cause) {
    const message = `invalid ${syntax.toUpperCase()}: ${(cause as Error).message}`;
    return { ok: false, problems: [{ path: '', message }] };
  }
  const parsed = parseQuestionsSurvey(data);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    problems: parsed.problems.map((problem) => {
      const parts = pathParts(problem.path);
      const unknown = /^unknown keys? "([^"]+)"/.exec(problem.message)?.[1];
      const node = nodeAt(doc.contents, unknown === undefined ? parts : [...parts, unknown]);
      const offset = node?.range?.[0];
      return offset === undefined ? problem : { ...problem, line: counter.linePos(offset).line };
    }),
  };
}
