// Keys and teams: create, edit, revoke (keys) and delete (teams). Items from the config file are
// shown read-only: keygate refuses to change them (409).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { showToast } from '../../app/toasts';
import { ConfirmDialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { KeyIcon, PlusIcon } from '../../ui/icons';
import type { PageProps } from '../AdminScreen';
import { adminApi } from '../api/admin-api';
import type { AdminKey, AdminTeam } from '../api/types';
import { changeRefusal } from '../format/server-error';
import { loadKeyAliases, rememberAlias } from '../ui/key-names';
import { LoadProblem } from '../ui/LoadProblem';
import { forgetSuggestions } from '../ui/suggestions';
import { asApiError, useLoad, useNow } from '../ui/use-load';
import { KeyDialog } from './KeyDialog';
import { KeyTable } from './KeyTable';
import { SecretDialog } from './SecretDialog';
import { TeamDialog } from './TeamDialog';
import { TeamTable } from './TeamTable';
import './keys.css';

interface Lists {
  keys: AdminKey[];
  teams: AdminTeam[];
  models: string[];
}

export function KeysPage(_props: PageProps): JSX.Element {
  const load = useLoad<Lists>(
    () =>
      Promise.all([
        adminApi.keys(),
        adminApi.teams().catch(() => []),
        adminApi
          .models()
          .then((groups) => groups.map((g) => g.name))
          .catch(() => []),
      ]).then(([keys, teams, models]) => ({ keys, teams, models })),
    [],
  );
  const now = useNow(60_000);
  const [keyForm, setKeyForm] = useState<{ editing: AdminKey | null } | null>(null);
  const [teamForm, setTeamForm] = useState<{ editing: AdminTeam | null } | null>(null);
  const [secret, setSecret] = useState<{ secret: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<AdminKey | null>(null);
  const [deleting, setDeleting] = useState<AdminTeam | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  if (load.error) {
    return (
      <div class="admin-page">
        <LoadProblem error={load.error} what="Keys and teams" onRetry={load.reload} />
      </div>
    );
  }
  if (!load.data) return <div class="admin-page" aria-busy="true" />;
  const { keys, teams, models } = load.data;
  const active = keys.filter((k) => !k.revoked);
  const revoked = keys.filter((k) => k.revoked);

  const changed = () => {
    forgetSuggestions();
    loadKeyAliases(true);
    load.reload();
  };

  const revoke = async (key: AdminKey) => {
    try {
      await adminApi.revokeKey(key.id);
      showToast({
        kind: 'info',
        title: `Revoked ${key.alias || key.id}`,
        detail: 'Requests with it are refused from now on.',
      });
      changed();
    } catch (error) {
      showToast({ kind: 'error', title: 'Not revoked', detail: changeRefusal(asApiError(error)) });
    }
  };

  const removeTeam = async (team: AdminTeam) => {
    try {
      await adminApi.deleteTeam(team.id);
      showToast({ kind: 'info', title: `Deleted team ${team.id}` });
      changed();
    } catch (error) {
      showToast({ kind: 'error', title: 'Not deleted', detail: changeRefusal(asApiError(error)) });
    }
  };

  return (
    <div class="admin-page keys-page">
      <section class="card admin-card" aria-labelledby="keys-heading">
        <div class="card-head">
          <h2 id="keys-heading">
            Keys <span class="muted">· {active.length}</span>
          </h2>
          <button
            type="button"
            class="button button-primary button-small"
            onClick={() => setKeyForm({ editing: null })}
          >
            <PlusIcon /> New key
          </button>
        </div>
        {active.length === 0 ? (
          <EmptyState title="No keys yet" icon={<KeyIcon />}>
            <p>
              A key lets a person, an app or a device use keygate, with the models, limits and
              budget you give it. Its secret is shown once, when it is made.
            </p>
            <button
              type="button"
              class="button button-primary"
              onClick={() => setKeyForm({ editing: null })}
            >
              Create the first key
            </button>
          </EmptyState>
        ) : (
          <KeyTable
            keys={active}
            now={now}
            onEdit={(key) => setKeyForm({ editing: key })}
            onRevoke={setRevoking}
          />
        )}
        {revoked.length > 0 && (
          <div class="revoked">
            <button
              type="button"
              class="link-button"
              aria-expanded={showRevoked}
              onClick={() => setShowRevoked(!showRevoked)}
            >
              {showRevoked ? 'Hide' : 'Show'} {revoked.length} revoked key
              {revoked.length === 1 ? '' : 's'}
            </button>
            {showRevoked && (
              <KeyTable
                keys={revoked}
                now={now}
                onEdit={() => undefined}
                onRevoke={() => undefined}
              />
            )}
          </div>
        )}
      </section>

      <section class="card admin-card" aria-labelledby="teams-heading">
        <div class="card-head">
          <h2 id="teams-heading">
            Teams <span class="muted">· {teams.length}</span>
          </h2>
          <button
            type="button"
            class="button button-small"
            onClick={() => setTeamForm({ editing: null })}
          >
            <PlusIcon /> New team
          </button>
        </div>
        {teams.length === 0 ? (
          <p class="muted section-empty">
            No teams. A team shares one budget and one set of limits among its keys: a household, a
            project, a department.
          </p>
        ) : (
          <TeamTable
            teams={teams}
            keys={active}
            onEdit={(team) => setTeamForm({ editing: team })}
            onDelete={setDeleting}
          />
        )}
      </section>

      <KeyDialog
        open={keyForm !== null}
        editing={keyForm?.editing ?? null}
        teams={teams}
        models={models}
        onClose={() => setKeyForm(null)}
        onSaved={(key, created) => {
          setKeyForm(null);
          rememberAlias(key.id, key.alias);
          if (created && key.key) setSecret({ secret: key.key, name: key.alias || key.id });
          else showToast({ kind: 'info', title: `Saved ${key.alias || key.id}` }, 3000);
          changed();
        }}
      />
      <TeamDialog
        open={teamForm !== null}
        editing={teamForm?.editing ?? null}
        taken={teams.map((t) => t.id)}
        models={models}
        onClose={() => setTeamForm(null)}
        onSaved={(team) => {
          setTeamForm(null);
          showToast({ kind: 'info', title: `Saved team ${team.id}` }, 3000);
          changed();
        }}
      />
      <SecretDialog
        secret={secret?.secret ?? null}
        name={secret?.name ?? ''}
        onClose={() => setSecret(null)}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.alias || revoking?.id || 'this key'}?`}
        message="Every request with this key is refused from now on, including streams that start after this. The key stays listed as revoked, with its history. This cannot be undone."
        confirmLabel="Revoke key"
        danger
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && void revoke(revoking)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete team ${deleting?.id ?? ''}?`}
        message="The team’s budget and limits stop applying. Its keys must be moved or revoked first."
        confirmLabel="Delete team"
        danger
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void removeTeam(deleting)}
      />
    </div>
  );
}
