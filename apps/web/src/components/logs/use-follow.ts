'use client';

import { type RefObject, useCallback, useLayoutEffect, useRef, useState } from 'react';

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK = 24;

/**
 * Live follow: keeps the list scrolled to the newest line while following; scrolling up
 * pauses, scrolling back to the end resumes. `contentKey` changes whenever rows are added
 * or their heights change.
 */
export function useFollow(scrollRef: RefObject<HTMLElement | null>, initial: boolean, contentKey: unknown) {
  const [following, setFollowing] = useState(initial);
  const followingRef = useRef(initial);
  const lastTop = useRef(0);

  const set = useCallback((value: boolean) => {
    followingRef.current = value;
    setFollowing(value);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: contentKey is the trigger
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || !followingRef.current) return;
    element.scrollTop = element.scrollHeight;
    lastTop.current = element.scrollTop;
  }, [contentKey, following, scrollRef]);

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const top = element.scrollTop;
    const atBottom = element.scrollHeight - top - element.clientHeight <= BOTTOM_SLACK;
    if (top < lastTop.current - 1 && !atBottom && followingRef.current) set(false);
    else if (top > lastTop.current && atBottom && !followingRef.current) set(true);
    lastTop.current = top;
  }, [scrollRef, set]);

  return { following, setFollowing: set, onScroll };
}
