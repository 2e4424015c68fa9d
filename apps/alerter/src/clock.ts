/** Time as the alerter sees it: injectable, so tests drive `for`, keep-firing and retries. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
