'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { ZLabelsTextSchema } from '@/components/settings/form-parsing';
import { renameHost, setHostLabels } from '@/lib/api/host-admin';
import { runSettingsAction } from '../run-settings-action';

const ZHostFormSchema = z.object({
  hostId: z.string().min(1),
  name: z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  // Not `labels`: a control of that name becomes `form.labels`, which accessibility tools
  // (Playwright's name computation) expect to be a NodeList.
  labelsText: ZLabelsTextSchema,
  /** What the form showed, so only what changed is sent (each change is its own audit entry). */
  previousName: z.string(),
  previousLabelsText: ZLabelsTextSchema,
});

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/** PATCH /api/v1/hosts/:hostId (name) and PUT …/labels, for whichever changed. */
export async function updateHostAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZHostFormSchema, '/settings/hosts', async (api, input) => {
    const renamed = input.name !== input.previousName;
    const relabelled = !sameLabels(input.labelsText, input.previousLabelsText);
    if (renamed) await renameHost(api, input.hostId, input.name);
    if (relabelled) await setHostLabels(api, input.hostId, input.labelsText);
    return { notice: renamed || relabelled ? 'Saved.' : 'Nothing changed.' };
  });
}
