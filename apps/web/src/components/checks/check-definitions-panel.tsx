'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { createCheckDefinitionAction } from '@/app/(console)/checks/create-check-definition-action';
import { deleteCheckDefinitionAction } from '@/app/(console)/checks/delete-check-definition-action';
import {
  toggleCheckDefinitionAction,
  updateCheckDefinitionAction,
} from '@/app/(console)/checks/update-check-definition-action';
import { type ActionState, INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { Panel } from '@/components/ui/page-header';
import type { CheckDefinition } from '@/lib/api/check-definitions';
import { CheckDefinitionForm } from './check-definition-form';

type CheckDefinitionsPanelProps = {
  /** Who the checks are for: a container (hostId + containerName) or a group (groupId). */
  target: { hostId: string; containerName: string } | { groupId: string };
  /** "this container", "every member of web tier": how the panel names its target. */
  targetText: string;
  definitions: readonly CheckDefinition[];
  /** Operators and up may add, edit, pause and delete. */
  canWrite: boolean;
  suggestedTarget?: string;
};

/**
 * The checks defined in Berth for a container (by host and name, so they follow a recreate) or a
 * group: a list with edit, pause and delete, and an "Add check" form. Runs show on the Checks page.
 */
export function CheckDefinitionsPanel({
  target,
  targetText,
  definitions,
  canWrite,
  suggestedTarget,
}: CheckDefinitionsPanelProps) {
  return (
    <Panel title="Health checks defined in Berth">
      {definitions.length === 0 ? (
        <p>
          None yet for {targetText}. Checks from containers&apos; <code>berth.check.*</code> labels run as
          well; all runs show on the <Link href="/checks">Checks page</Link>.
        </p>
      ) : (
        <DataTable
          caption={`Checks defined for ${targetText}`}
          columns={['Name', 'Kind', 'Target', 'Every', 'State']}
          hiddenColumn={canWrite ? 'Actions' : undefined}
        >
          {definitions.map((definition) => (
            <tr key={definition.id}>
              <td>{definition.name}</td>
              <td>{definition.spec.kind === 'http' ? 'HTTP' : 'TCP'}</td>
              <td>
                <code>{definition.spec.target}</code>
              </td>
              <td>{definition.spec.intervalS} s</td>
              <td>{definition.enabled ? 'running' : 'paused'}</td>
              {canWrite ? (
                <td>
                  <span className={settings.inlineForm}>
                    <RowButton
                      action={toggleCheckDefinitionAction}
                      fields={{ definitionId: definition.id, enabled: String(!definition.enabled) }}
                      label={definition.enabled ? 'Pause' : 'Resume'}
                      ariaLabel={`${definition.enabled ? 'Pause' : 'Resume'} check ${definition.name}`}
                    />
                    <RowButton
                      action={deleteCheckDefinitionAction}
                      fields={{ definitionId: definition.id }}
                      label="Delete"
                      ariaLabel={`Delete check ${definition.name}`}
                    />
                  </span>
                  <details className={settings.details}>
                    <summary>Edit</summary>
                    <CheckDefinitionForm
                      action={updateCheckDefinitionAction}
                      hidden={{ definitionId: definition.id }}
                      definition={definition}
                      submitLabel="Save check"
                    />
                  </details>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {canWrite ? (
        <details className={settings.details}>
          <summary>Add check</summary>
          <CheckDefinitionForm
            action={createCheckDefinitionAction}
            hidden={target}
            submitLabel="Add check"
            suggestedTarget={suggestedTarget}
          />
        </details>
      ) : null}
    </Panel>
  );
}

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

export function RowButton({
  action,
  fields,
  label,
  ariaLabel,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  ariaLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className={settings.inlineForm}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="small" variant="secondary" aria-label={ariaLabel} disabled={pending}>
        {label}
      </Button>
      {state.error ? (
        <span role="alert" className={settings.inlineError}>
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
