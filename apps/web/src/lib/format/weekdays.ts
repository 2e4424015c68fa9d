/**
 * Day names by JavaScript's weekday number (0 = Sunday), as mute windows and the automatic-update
 * window store them. A plain module, not a client component's: a server page importing a value
 * from a 'use client' module gets a client reference, not the array (the mute-window list once
 * rendered its days as empty strings that way).
 */
export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
