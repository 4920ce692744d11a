import { formatSurveyFileError, loadSurveyDirectory } from '../domain/index.js';
import { BUILTIN_SURVEYS } from './config.js';

/** `canvass check [DIR]`: validates every survey file without serving; non-zero on any problem. */
export async function check(
  dir: string | undefined,
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  const target = dir ?? BUILTIN_SURVEYS;
  const { surveys, errors } = await loadSurveyDirectory(target);
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
