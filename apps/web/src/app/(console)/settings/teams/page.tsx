import { UsersRound } from 'lucide-react';
import type { Metadata } from 'next';
import { hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { TeamForm } from '@/components/settings/team-form';
import { TeamPanel } from '@/components/settings/team-panel';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/page-header';
import { listMembers } from '@/lib/api/members';
import { getServerApi } from '@/lib/api/server-api';
import { listTeamMembers, listTeams } from '@/lib/api/teams';
import { loadMe } from '../../load-me';
import { createTeamAction } from './create-team-action';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage() {
  const api = await getServerApi();
  const [me, teams, members] = await Promise.all([loadMe(), listTeams(api), listMembers(api)]);
  const canManage = hasRole(me.org?.role, 'admin');
  const teamMembers = await Promise.all(teams.map((team) => listTeamMembers(api, team.id)));
  return (
    <div className={styles.stack}>
      <p className={styles.muted}>
        A team groups members. Limit a team to hosts by label (say <code>env=staging</code>) and its operators
        and viewers see only those hosts; owners and admins always see everything.
      </p>
      {canManage ? (
        <Panel title="Create a team">
          <TeamForm action={createTeamAction} submitLabel="Create team" />
        </Panel>
      ) : null}
      {teams.length === 0 ? (
        <EmptyState icon={<UsersRound size={20} />} title="No teams yet">
          <p>
            Without teams, every member sees every host. Create a team for each group that should see only
            part of the fleet, add its members, and give it the labels of its hosts.
          </p>
        </EmptyState>
      ) : (
        teams.map((team, index) => (
          <TeamPanel
            key={team.id}
            team={team}
            members={teamMembers[index] ?? []}
            orgMembers={members}
            canManage={canManage}
          />
        ))
      )}
    </div>
  );
}
