import { GROUP_COLOURS, type GroupColour } from '@berth/api-contract';

/** What each palette colour is called in the form (screen readers read the name, not the hex). */
export const COLOUR_NAMES: Record<GroupColour, string> = {
  '#2563eb': 'Blue',
  '#0891b2': 'Cyan',
  '#0d9488': 'Teal',
  '#16a34a': 'Green',
  '#ca8a04': 'Amber',
  '#ea580c': 'Orange',
  '#dc2626': 'Red',
  '#db2777': 'Pink',
  '#9333ea': 'Purple',
  '#64748b': 'Slate',
};

export const PALETTE: readonly GroupColour[] = GROUP_COLOURS;
