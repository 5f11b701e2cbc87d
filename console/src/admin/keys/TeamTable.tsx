import type { JSX } from 'preact';
import type { AdminKey, AdminTeam } from '../api/types';
import { budgetWords, limitsWords, modelsWords } from './key-words';

export function TeamTable(props: {
  teams: AdminTeam[];
  keys: AdminKey[];
  onEdit: (team: AdminTeam) => void;
  onDelete: (team: AdminTeam) => void;
}): JSX.Element {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Teams">
      <table class="data-table keys-table">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" class="num">
              Keys
            </th>
            <th scope="col">Models</th>
            <th scope="col">Limits</th>
            <th scope="col">Budget</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.teams.map((team) => {
            const members = props.keys.filter((k) => k.team === team.id).length;
            return (
              <tr key={team.id} data-team-id={team.id}>
                <th scope="row">{team.id}</th>
                <td class="num">{members}</td>
                <td title={team.models.join(', ') || 'Every model'}>{modelsWords(team.models)}</td>
                <td>{limitsWords(team.rpm, team.tpm, team.max_parallel)}</td>
                <td>{budgetWords(team.budget)}</td>
                <td class="actions-cell">
                  {team.source === 'config' ? (
                    <span
                      class="badge badge-plain"
                      title="Defined in the config file: change it there"
                    >
                      Config file
                    </span>
                  ) : (
                    <span class="row-buttons">
                      <button
                        type="button"
                        class="button button-small"
                        onClick={() => props.onEdit(team)}
                      >
                        Edit<span class="visually-hidden"> team {team.id}</span>
                      </button>
                      <button
                        type="button"
                        class="button button-small"
                        onClick={() => props.onDelete(team)}
                      >
                        Delete<span class="visually-hidden"> team {team.id}</span>
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
