import type { JSX } from 'preact';
import {
  account,
  models as modelsState,
  preferences,
  savePreferences,
  session,
} from '../app/app-state';
import { sidebarOpen } from '../app/layout';
import { useObservable } from '../app/observable';
import { formatMoment } from '../format/time';
import { ImportPanel } from '../history/view/ImportPanel';
import { MenuIcon } from '../ui/icons';
import { priceLabel } from '../ui/model-filter';
import { PresetEditor } from './PresetEditor';

export function SettingsScreen(): JSX.Element {
  const prefs = useObservable(preferences);
  const models = (useObservable(modelsState) ?? []).filter((m) => !m.embeddings);
  const info = useObservable(account);
  const signed = useObservable(session);
  const key = info?.key ?? signed?.key;

  return (
    <main class="chat settings" aria-label="Settings">
      <header class="chat-header">
        <button
          type="button"
          class="icon-button drawer-toggle"
          aria-label="Open conversations"
          onClick={() => sidebarOpen.set(true)}
        >
          <MenuIcon />
        </button>
        <div class="chat-title">
          <h1>Settings</h1>
        </div>
      </header>
      <div class="chat-body settings-body">
        <div class="settings-column">
          <section class="card" aria-labelledby="models-heading">
            <h2 id="models-heading">Models</h2>
            <div class="field">
              <label for="default-model">Default model for new chats</label>
              <select
                id="default-model"
                value={prefs.default_model ?? ''}
                onChange={(e) =>
                  void savePreferences({ ...prefs, default_model: e.currentTarget.value || null })
                }
              >
                <option value="">First available</option>
                {models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.id}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="title-model">Automatic titles</label>
              <select
                id="title-model"
                value={prefs.title_model ?? ''}
                aria-describedby="title-model-help"
                onChange={(e) =>
                  void savePreferences({ ...prefs, title_model: e.currentTarget.value || null })
                }
              >
                <option value="">Off: use the first line of the prompt</option>
                {models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.id} ({priceLabel(m)})
                  </option>
                ))}
              </select>
              <p id="title-model-help" class="help">
                After a new chat’s first answer, this model writes its title. The call is billed to
                this key like any other.
              </p>
            </div>
          </section>

          <section class="card" aria-labelledby="presets-heading">
            <h2 id="presets-heading">System-prompt presets</h2>
            <PresetEditor />
          </section>

          <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">Import</h2>
            <p class="help">
              A ChatGPT data export’s <code>conversations.json</code>, or a conversation exported
              from here as JSON. A file with an error imports nothing.
            </p>
            <ImportPanel />
          </section>

          <section class="card" aria-labelledby="key-heading">
            <h2 id="key-heading">This key</h2>
            <dl class="key-facts">
              <dt>Key</dt>
              <dd>{key?.alias ? `${key.alias} (${key.id})` : (key?.id ?? 'local')}</dd>
              {key?.team && (
                <>
                  <dt>Team</dt>
                  <dd>{key.team}</dd>
                </>
              )}
              <dt>Expires</dt>
              <dd>{key?.expires_at ? formatMoment(key.expires_at) : 'never'}</dd>
              <dt>Models</dt>
              <dd>{key?.models ? key.models.join(', ') : 'all'}</dd>
              <dt>Limits</dt>
              <dd>
                {info
                  ? [
                      `${info.limits.rpm ?? 'no'} requests per minute`,
                      `${info.limits.tpm?.toLocaleString('en-US') ?? 'no'} tokens per minute`,
                      `${info.limits.max_parallel ?? 'no limit on'} at once`,
                    ].join(' · ')
                  : '…'}
              </dd>
            </dl>
            <p class="help">The theme follows your system’s light or dark setting.</p>
          </section>
        </div>
      </div>
    </main>
  );
}
