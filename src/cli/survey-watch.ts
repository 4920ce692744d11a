/**
 * `canvass serve` picks up added, changed and removed survey files without a restart (issue
 * 16 item 4). It watches the one surveys directory with `fs.watch` (inotify on Linux, FSEvents
 * on macOS; no recursion is needed, so its platform gaps do not apply) and reloads the whole
 * directory a short while after the last event: editors save in bursts (write a temporary
 * file, rename it over the old one), and a burst is one reload. Reloads never overlap; an
 * event during one schedules one more. Every `--workers` worker watches on its own.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readSurveyDirectory, type SurveyDirectoryRead } from '../domain/index.js';

/** Quiet time after the last event before the directory is read again, in milliseconds. */
export const RELOAD_DEBOUNCE = 150;

export interface SurveyWatch {
  /** Stops watching; a reload under way finishes. */
  stop(): void;
}

/**
 * Watches `dir` and calls `reload` with a fresh read after each burst of changes. `failed` is
 * told when a reload throws (the next change tries again) or when the watch itself breaks (the
 * directory was removed or renamed: the surveys served stay as they are, and only a restart
 * watches again).
 */
export function watchSurveys(
  dir: string,
  reload: (read: SurveyDirectoryRead) => Promise<void>,
  failed: (error: unknown) => void,
  debounce = RELOAD_DEBOUNCE,
): SurveyWatch {
  let timer: NodeJS.Timeout | undefined;
  // Bumped by each burst of events; a reload that ends behind it reads the directory again.
  let bursts = 0;
  let running = false;

  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    let seen: number;
    do {
      seen = bursts;
      try {
        await reload(await readSurveyDirectory(dir));
      } catch (error) {
        failed(error);
      }
    } while (seen !== bursts);
    running = false;
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      bursts++;
      void run();
    }, debounce);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, schedule);
    watcher.on('error', (error) => {
      failed(error);
      watcher?.close();
    });
  } catch (error) {
    failed(error);
  }
  return {
    stop() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
