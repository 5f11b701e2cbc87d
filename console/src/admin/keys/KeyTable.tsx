import type { JSX } from 'preact';
import { Menu } from '../../ui/Menu';
import { DotsIcon } from '../../ui/icons';
import type { AdminKey } from '../api/types';
import { budgetWords, expiryWords, limitsWords, modelsWords } from './key-words';

export function KeyTable(props: {
  keys: AdminKey[];
  now: number;
  onEdit: (key: AdminKey) => void;
  onRevoke: (key: AdminKey) => void;
}): JSX.Element {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Keys">
      <table class="data-table keys-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Team</th>
            <th scope="col">Models</th>
            <th scope="col">Limits</th>
            <th scope="col">Budget</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((key) => {
            const expiry = expiryWords(key.expires_at_ms, props.now);
            const name = key.alias || key.id;
            const readOnly = key.source === 'config';
            return (
              <tr key={key.id} data-key-id={key.id} class={key.revoked ? 'is-revoked' : ''}>
                <th scope="row">
                  <span class="key-cell">
                    <span class="key-alias">{name}</span>
                    <code class="key-id">{key.id}</code>
                  </span>
                </th>
                <td>{key.team || <span class="faint">–</span>}</td>
                <td title={key.models.join(', ') || 'Every model'}>{modelsWords(key.models)}</td>
                <td>{limitsWords(key.rpm, key.tpm, key.max_parallel)}</td>
                <td>{budgetWords(key.budget)}</td>
                <td class={expiry.expired ? 'is-error' : ''}>{expiry.text}</td>
                <td class="actions-cell">
                  {key.revoked ? (
                    <span class="badge badge-danger">Revoked</span>
                  ) : readOnly ? (
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
                        onClick={() => props.onEdit(key)}
                      >
                        Edit<span class="visually-hidden"> {name}</span>
                      </button>
                      <Menu
                        label={`More for ${name}`}
                        icon={<DotsIcon />}
                        small
                        items={[
                          { label: 'Revoke…', danger: true, onSelect: () => props.onRevoke(key) },
                        ]}
                      />
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
