import { entriesToLogFile, type LogEntry } from './log-entry';

/** Saves the entries as a .log file through a temporary object URL. */
export function downloadLogFile(entries: readonly LogEntry[], fileName: string): void {
  const blob = new Blob([entriesToLogFile(entries)], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.endsWith('.log') ? fileName : `${fileName}.log`;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL dies.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
