import { addTeamMemberAction } from '@/app/(console)/settings/teams/add-team-member-action';
import { deleteTeamAction } from '@/app/(console)/settings/teams/delete-team-action';
import { removeTeamMemberAction } from '@/app/(console)/settings/teams/remove-team-member-action';
import { updateTeamAction } from '@/app/(console)/settings/teams/update-team-action';
import table from '@/components/ui/data-table.module.css';
import type { Member } from '@/lib/api/members';
import type { Team, TeamMember } from '@/lib/api/teams';
import { ActionButton } from './action-button';
import { AddTeamMemberForm } from './add-team-member-form';
import { LabelChips } from './label-chips';
import styles from './settings.module.css';
import { TeamForm } from './team-form';

type TeamPanelProps = { team: Team; members: TeamMember[]; orgMembers: Member[]; canManage: boolean };

export function TeamPanel({ team, members, orgMembers, canManage }: TeamPanelProps) {
  const inTeam = new Set(members.map((member) => member.userId));
  const candidates = orgMembers.filter((member) => !inTeam.has(member.userId));
  const restricted = Object.keys(team.hostSelector).length > 0;
  return (
    <section className={styles.teamPanel} aria-labelledby={`team-${team.id}-title`}>
      <div className={styles.sectionHead}>
        <div>
          <h2 id={`team-${team.id}-title`} className={styles.sectionTitle}>
            {team.name}
          </h2>
          <div className={styles.muted}>
            {restricted ? (
              <>
                Sees only hosts labelled <LabelChips labels={team.hostSelector} />
              </>
            ) : (
              'Sees every host'
            )}
          </div>
        </div>
        {canManage ? (
          <ActionButton
            action={deleteTeamAction}
            fields={{ teamId: team.id }}
            label="Delete"
            ariaLabel={`Delete team ${team.name}`}
            variant="danger"
            confirm={{
              title: `Delete the team ${team.name}?`,
              body: (
                <p>
                  Its {members.length} member{members.length === 1 ? '' : 's'} stay in the organisation
                  {restricted ? ' and are no longer limited by this team’s labels' : ''}.
                </p>
              ),
            }}
          />
        ) : null}
      </div>
      {members.length === 0 ? (
        <p className={styles.muted}>No members yet.</p>
      ) : (
        <ul className={styles.memberList} aria-label={`Members of ${team.name}`}>
          {members.map((member) => (
            <li key={member.userId}>
              <span>
                <span className={table.primary}>{member.name ?? member.email}</span>
                {member.name ? <span className={table.secondary}>{member.email}</span> : null}
              </span>
              {canManage ? (
                <ActionButton
                  action={removeTeamMemberAction}
                  fields={{ teamId: team.id, userId: member.userId }}
                  label="Remove"
                  ariaLabel={`Remove ${member.name ?? member.email} from ${team.name}`}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <div className={styles.teamTools}>
          <AddTeamMemberForm action={addTeamMemberAction} team={team} candidates={candidates} />
          <details className={styles.details}>
            <summary>Rename or change host labels</summary>
            <TeamForm action={updateTeamAction} submitLabel="Save team" team={team} />
          </details>
        </div>
      ) : null}
    </section>
  );
}
