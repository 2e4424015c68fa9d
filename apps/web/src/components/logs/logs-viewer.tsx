'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import {
  ArrowDown,
  ChevronDown,
  ChevronUp,
  Clock,
  Download,
  Filter,
  Pause,
  Play,
  Search,
  WrapText,
} from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTimeZone } from '@/components/ui/time-zone';
import { downloadLogFile } from './download-log-file';
import { type LogEntry, prepareLine } from './log-entry';
import { LogRow } from './log-row';
import styles from './logs.module.css';
import { useFollow } from './use-follow';

const ROW_HEIGHT = 20;

type LogsViewerProps = {
  entries: readonly LogEntry[];
  /** Accessible name, e.g. "Logs of web-1". */
  label: string;
  /** Name of the downloaded file (".log" is added). */
  fileName?: string;
  height?: number | string;
  /** Start in live-follow mode (scrolled to the newest line). */
  follow?: boolean;
  wrap?: boolean;
  showTimestamps?: boolean;
};

/**
 * Container logs: virtualised (only visible rows are in the DOM, so tens of thousands of
 * lines stay smooth), stdout/stderr marked, ANSI colours, search with highlight and
 * navigation, wrap toggle, live follow with pause, dropped-line markers, download.
 */
export function LogsViewer(props: LogsViewerProps) {
  const { entries, label, fileName = 'logs', height = 480 } = props;
  const timeZone = useTimeZone();
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [wrap, setWrap] = useState(props.wrap ?? false);
  const [showTimestamps, setShowTimestamps] = useState(props.showTimestamps ?? true);
  const [query, setQuery] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  // Index into `matches` of the match navigated to; -1 until Enter or the arrows are used.
  const [cursor, setCursor] = useState(-1);
  // Scanning 50,000 lowered strings takes about a millisecond: no need to defer it.
  const needle = query.trim().toLowerCase();

  const rows = useMemo(
    () =>
      needle && onlyMatches
        ? entries.filter((entry) => entry.kind === 'line' && prepareLine(entry).lower.includes(needle))
        : entries,
    [entries, needle, onlyMatches],
  );
  const matches = useMemo(() => {
    if (!needle) return [];
    const found: number[] = [];
    rows.forEach((entry, index) => {
      if (entry.kind === 'line' && prepareLine(entry).lower.includes(needle)) found.push(index);
    });
    return found;
  }, [rows, needle]);
  const currentRow = cursor >= 0 ? matches[Math.min(cursor, matches.length - 1)] : undefined;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 24,
  });
  const totalSize = virtualizer.getTotalSize();
  const { following, setFollowing, onScroll } = useFollow(
    scrollRef,
    props.follow ?? true,
    `${rows.length}:${totalSize}`,
  );
  const [pausedAt, setPausedAt] = useState(entries.length);

  // Wrapping changes every row's height: measure again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: wrap is the trigger
  useEffect(() => virtualizer.measure(), [wrap, virtualizer]);
  useEffect(() => {
    if (!following) setPausedAt((value) => Math.min(value, entries.length));
    else setPausedAt(entries.length);
  }, [following, entries.length]);
  function goToMatch(step: number) {
    if (!matches.length) return;
    const from = cursor < 0 ? (step > 0 ? -1 : 0) : Math.min(cursor, matches.length - 1);
    const next = (from + step + matches.length) % matches.length;
    setCursor(next);
    setFollowing(false);
    const row = matches[next];
    if (row !== undefined) virtualizer.scrollToIndex(row, { align: 'center' });
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === '/' && document.activeElement !== searchRef.current) {
      event.preventDefault();
      searchRef.current?.focus();
    }
  }

  const items = virtualizer.getVirtualItems();
  const newLines = following ? 0 : Math.max(0, entries.length - pausedAt);
  const counts = useMemo(() => {
    let lines = 0;
    let stderr = 0;
    for (const entry of entries) {
      if (entry.kind !== 'line') continue;
      lines++;
      if (entry.stream === 'stderr') stderr++;
    }
    return { lines, stderr };
  }, [entries]);

  return (
    <section
      className={`${styles.viewer} ${wrap ? styles.wrap : ''}`}
      style={{ height }}
      aria-label={label}
      onKeyDown={onKeyDown}
    >
      <div className={styles.toolbar}>
        <label className={styles.search}>
          <Search size={14} aria-hidden />
          <input
            ref={searchRef}
            className={styles.searchInput}
            type="search"
            placeholder="Search logs ( / )"
            aria-label="Search logs"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setCursor(-1);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                goToMatch(event.shiftKey ? -1 : 1);
              }
            }}
          />
          <span className={styles.matchCount} aria-live="polite">
            {describeMatches(needle, cursor, matches.length)}
          </span>
          <button
            type="button"
            className={styles.tool}
            aria-label="Previous match"
            disabled={!matches.length}
            onClick={() => goToMatch(-1)}
          >
            <ChevronUp size={15} aria-hidden />
          </button>
          <button
            type="button"
            className={styles.tool}
            aria-label="Next match"
            disabled={!matches.length}
            onClick={() => goToMatch(1)}
          >
            <ChevronDown size={15} aria-hidden />
          </button>
        </label>
        <div className={styles.tools}>
          <button
            type="button"
            className={styles.tool}
            aria-pressed={onlyMatches}
            aria-label="Only matching lines"
            title="Only matching lines"
            onClick={() => setOnlyMatches((value) => !value)}
          >
            <Filter size={15} aria-hidden />
          </button>
          <button
            type="button"
            className={styles.tool}
            aria-pressed={wrap}
            aria-label="Wrap long lines"
            title="Wrap long lines"
            onClick={() => setWrap((value) => !value)}
          >
            <WrapText size={15} aria-hidden />
          </button>
          <button
            type="button"
            className={styles.tool}
            aria-pressed={showTimestamps}
            aria-label="Show timestamps"
            title="Show timestamps"
            onClick={() => setShowTimestamps((value) => !value)}
          >
            <Clock size={15} aria-hidden />
          </button>
          <span className={styles.separator} aria-hidden />
          <button
            type="button"
            className={styles.tool}
            aria-pressed={following}
            aria-label={following ? 'Pause live follow' : 'Follow live'}
            title={following ? 'Pause live follow' : 'Follow live'}
            onClick={() => setFollowing(!following)}
          >
            {following ? <Pause size={15} aria-hidden /> : <Play size={15} aria-hidden />}
          </button>
          <button
            type="button"
            className={styles.tool}
            aria-label="Download visible lines"
            title="Download visible lines (.log)"
            onClick={() => downloadLogFile(rows, fileName)}
          >
            <Download size={15} aria-hidden />
          </button>
        </div>
      </div>
      <div className={styles.body}>
        <div
          ref={scrollRef}
          className={styles.scroller}
          onScroll={onScroll}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll area must be reachable to scroll it by keyboard
          tabIndex={0}
          data-testid="logs-scroller"
        >
          <div
            style={{
              height: totalSize,
              position: 'relative',
              width: wrap ? '100%' : 'max-content',
              minWidth: '100%',
            }}
          >
            <div style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
              {items.map((item) => {
                const entry = rows[item.index];
                if (!entry) return null;
                return (
                  <LogRow
                    key={item.key}
                    ref={virtualizer.measureElement}
                    entry={entry}
                    index={item.index}
                    query={needle}
                    current={item.index === currentRow}
                    showTimestamps={showTimestamps}
                    timeZone={timeZone}
                  />
                );
              })}
            </div>
          </div>
        </div>
        {rows.length === 0 ? (
          <div className={styles.placeholder}>
            {needle && onlyMatches ? 'No line matches the search' : 'No log lines yet'}
          </div>
        ) : null}
        {!following ? (
          <button type="button" className={styles.resume} onClick={() => setFollowing(true)}>
            <ArrowDown size={14} aria-hidden />
            {newLines
              ? `${newLines.toLocaleString('en-US')} new ${newLines === 1 ? 'line' : 'lines'}`
              : 'Resume live'}
          </button>
        ) : null}
      </div>
      <div className={styles.status}>
        <span>
          {counts.lines.toLocaleString('en-US')} lines
          {counts.stderr ? ` · ${counts.stderr.toLocaleString('en-US')} stderr` : ''}
          {onlyMatches && needle ? ` · ${rows.length.toLocaleString('en-US')} shown` : ''}
        </span>
        <span>{following ? 'Following' : 'Paused'}</span>
      </div>
    </section>
  );
}

function describeMatches(needle: string, cursor: number, total: number): string {
  if (!needle) return '';
  if (!total) return 'No matches';
  const count = total.toLocaleString('en-US');
  if (cursor < 0) return `${count} ${total === 1 ? 'match' : 'matches'}`;
  return `${(Math.min(cursor, total - 1) + 1).toLocaleString('en-US')} of ${count}`;
}
