// What keygate said when it refused a change, in words a person can act on.
import type { ApiError } from '../../api/http';

export function changeRefusal(error: ApiError): string {
  switch (error.code) {
    case 'key_from_config':
    case 'team_from_config':
      return 'This is defined in keygate’s config file, so it can only be changed there (then reload the config).';
    case 'team_has_keys':
      return 'This team still has keys. Move them to another team or revoke them first.';
    case 'team_exists':
      return 'A team with this name exists already. Pick another name.';
    case 'master_key_required':
      return 'Only the master key may change keys and teams.';
    case 'no_key_store':
      return 'This keygate has nowhere to store keys: turn on the ledger or Redis in its config.';
    case 'key_store_unavailable':
      return 'keygate could not save the change just now (its key store did not answer). Try again in a moment.';
    case 'csrf_failed':
      return 'The page’s session token is stale. Reload the page and try again.';
  }
  if (error.status === 0) return 'keygate could not be reached. Nothing was changed.';
  if (error.status === 401) return 'The session has ended. Sign in again; nothing was changed.';
  if (error.status === 404)
    return 'It no longer exists: someone may have removed it. Reload the list.';
  if (error.status === 400 || error.status === 409 || error.status === 422) {
    const text = error.message.replace(/\.$/, '');
    return `keygate refused it: ${text.charAt(0).toLowerCase()}${text.slice(1)}.`;
  }
  return `keygate could not make the change (${error.status}): ${error.message}`;
}
