import { stat } from 'node:fs/promises';
import {
  formatSurveyFileError,
  loadSurveyDirectory,
  loadSurveyFiles,
  type SurveyLoad,
} from '../domain/index.js';
import { BUILTIN_SURVEYS } from './config.js';

/**
 * `canvass check [DIR | FILE…]`: validates survey files without serving; non-zero on any
 * problem. DIR (or CANVASS_SURVEYS, or the built-in samples) is read as `serve` reads it;
 * files are checked one by one, as they would be in their directory.
 */
export async function check(
  targets: string | readonly string[] | undefined,
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  const named = typeof targets === 'string' ? [targets] : (targets ?? []);
  const files = named.length > 1 || (named.length === 1 && (await isFile(named[0] ?? '')));
  const target = files ? named.join(', ') : (named[0] ?? BUILTIN_SURVEYS);
  const { surveys, errors }: SurveyLoad = files
    ? await loadSurveyFiles(named)
    : await loadSurveyDirectory(target);
  for (const error of errors) err.write(`${formatSurveyFileError(error)}\n`);
  if (errors.length > 0) {
    err.write(
      `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} found in ${target}\n`,
    );
    return 1;
  }
  out.write(
    `${surveys.length} ${surveys.length === 1 ? 'survey' : 'surveys'} OK in ${target}: ${surveys.map((s) => s.slug).join(', ')}\n`,
  );
  return 0;
}

/** Whether `path` names a file (not a directory, not missing). */
async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
