// A SQLite reader thread (src/storage/sqlite/reader-worker.mjs) that stops, as a thread killed
// by a fault would, when it is sent the query `crash`. Static imports run in order, so the
// listener that stops the thread hears each message before the reader's own.
import './stop-on-crash.mjs';
import '../../src/storage/sqlite/reader-worker.mjs';
