/// <reference lib="dom" />
// These functions run inside the page (Playwright serialises them), hence the DOM types.
import type { Page } from 'playwright-core';

declare global {
  interface Window {
    __berthFrames?: { deltas: number[]; stop: boolean };
  }
}

export type FrameStats = {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over50: number;
  dropped: number;
};

const FRAME_MS = 1000 / 60;

/** Frame-to-frame times (requestAnimationFrame) while `interact` runs: what a person sees as smoothness. */
export async function measureFrames(page: Page, interact: () => Promise<void>): Promise<FrameStats> {
  // A string, not a function: tsx would wrap the named callback in a helper the page lacks.
  await page.evaluate(`(() => {
    const state = { deltas: [], stop: false };
    window.__berthFrames = state;
    let last = performance.now();
    const tick = (now) => {
      state.deltas.push(now - last);
      last = now;
      if (!state.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await interact();
  const deltas = await page.evaluate(() => {
    const state = window.__berthFrames;
    if (!state) return [];
    state.stop = true;
    return state.deltas.slice(1);
  });
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return {
    frames: deltas.length,
    p50: at(50),
    p95: at(95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    over50: deltas.filter((delta) => delta > 50).length,
    // A 40 ms gap at 60 Hz means one frame was not drawn in time.
    dropped: deltas.reduce((sum, delta) => sum + Math.max(0, Math.round(delta / FRAME_MS) - 1), 0),
  };
}

/** Drag-to-zoom across most of a chart, a hover sweep (tooltip), then double-click to reset. */
export async function interactWithChart(page: Page, figureLabel: string): Promise<void> {
  const over = page.locator(`figure[aria-label="${figureLabel}"] .u-over`);
  const box = await over.boundingBox();
  if (!box) throw new Error(`no chart "${figureLabel}" on the page`);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.15, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 40 });
  await page.mouse.up();
  await page.mouse.move(box.x + 5, y - 10);
  await page.mouse.move(box.x + box.width - 5, y + 10, { steps: 60 });
  await page.mouse.dblclick(box.x + box.width / 2, y);
}

/** Scrolls the hosts table from top to bottom with the mouse wheel. */
export async function scrollHostsTable(page: Page): Promise<void> {
  const table = page.getByRole('table', { name: 'Hosts' });
  const box = await table.boundingBox();
  if (!box) throw new Error('no hosts table on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(16);
  }
}
