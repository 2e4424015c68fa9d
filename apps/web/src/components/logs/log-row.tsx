import { type CSSProperties, memo, type Ref } from 'react';
import { formatClock } from '@/lib/format/format-time';
import { type AnsiStyle, cssColor } from './ansi';
import { findMatches, markSegments } from './highlight';
import { describeDropped, type LogEntry, prepareLine } from './log-entry';
import styles from './logs.module.css';

type LogRowProps = {
  entry: LogEntry;
  index: number;
  query: string;
  current: boolean;
  showTimestamps: boolean;
  timeZone: string;
  ref?: Ref<HTMLDivElement>;
};

function styleOf(style: AnsiStyle): { className: string; css: CSSProperties | undefined } {
  const classes = [
    style.bold && styles.bold,
    style.dim && styles.dim,
    style.italic && styles.italic,
    style.underline && styles.underline,
    style.strike && styles.strike,
  ].filter(Boolean);
  let fg = style.fg ? cssColor(style.fg) : undefined;
  let bg = style.bg ? cssColor(style.bg) : undefined;
  if (style.inverse) [fg, bg] = [bg ?? 'var(--log-bg)', fg ?? 'var(--log-fg)'];
  const css = fg || bg ? { color: fg, backgroundColor: bg } : undefined;
  return { className: classes.join(' '), css };
}

/**
 * One log line: gutter (time, stream) and the text as styled spans. Everything from the
 * log is a React text child — never HTML — so markup in a line shows as characters.
 */
export const LogRow = memo(function LogRow({
  entry,
  index,
  query,
  current,
  showTimestamps,
  timeZone,
  ref,
}: LogRowProps) {
  const time = showTimestamps ? (
    <span title={new Date(entry.ts).toISOString()}>{formatClock(entry.ts, timeZone)}</span>
  ) : null;
  if (entry.kind === 'dropped') {
    return (
      <div ref={ref} data-index={index} className={styles.dropped} data-kind="dropped">
        <span className={styles.gutter}>
          {time}
          <span className={styles.stream} />
        </span>
        <span>{describeDropped(entry)}</span>
      </div>
    );
  }
  const line = prepareLine(entry);
  const pieces = markSegments(line.segments, query ? findMatches(line.lower, query) : []);
  return (
    <div
      ref={ref}
      data-index={index}
      className={styles.row}
      data-stream={entry.stream}
      data-current={current || undefined}
    >
      <span className={styles.gutter}>
        {time}
        <span className={styles.stream}>{entry.stream === 'stderr' ? 'err' : 'out'}</span>
      </span>
      <span className={styles.text}>
        {pieces.map((piece, i) => {
          const { className, css } = styleOf(piece.style);
          const classes = piece.match ? `${className} ${styles.mark}` : className;
          const Tag = piece.match ? 'mark' : 'span';
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional and rebuilt together
            <Tag key={i} className={classes || undefined} style={css}>
              {piece.text}
            </Tag>
          );
        })}
        {line.hidden ? (
          <span className={styles.more}>
            {' '}
            … {line.hidden.toLocaleString('en-US')} more characters (in the download)
          </span>
        ) : null}
      </span>
    </div>
  );
});
