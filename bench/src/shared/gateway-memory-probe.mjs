// Preloaded into gateway processes by the bench (`node --expose-gc --import <this file>`),
// without touching gateway code: on SIGUSR2 it runs a full GC and writes
// process.memoryUsage() as JSON to $BERTH_BENCH_PROBE_FILE, so the bench can tell live JS
// heap per agent from RSS (which also holds freed-but-kept heap and malloc arenas).
// With $BERTH_BENCH_HEAP_SNAPSHOT_DIR set it also writes a heap snapshot there each time.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const file = process.env.BERTH_BENCH_PROBE_FILE;
const snapshots = process.env.BERTH_BENCH_HEAP_SNAPSHOT_DIR;
let taken = 0;
if (file) {
  process.on('SIGUSR2', () => {
    globalThis.gc?.();
    const usage = process.memoryUsage();
    if (snapshots) {
      taken += 1;
      writeHeapSnapshot(join(snapshots, `gateway-${process.pid}-${taken}.heapsnapshot`));
    }
    writeFileSync(`${file}.tmp`, JSON.stringify(usage));
    renameSync(`${file}.tmp`, file);
  });
}
