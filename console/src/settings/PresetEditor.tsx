import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Preset } from '../api/types';
import { preferences, savePreferences } from '../app/app-state';
import { useObservable } from '../app/observable';
import { TrashIcon } from '../ui/icons';

export function PresetEditor(): JSX.Element {
  const prefs = useObservable(preferences);
  const presets = prefs.presets ?? [];
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState('');

  const save = (next: Preset[]) => void savePreferences({ ...prefs, presets: next });

  return (
    <div class="presets">
      {presets.length === 0 && (
        <p class="muted">
          No presets yet. A preset is a system prompt you can start any chat with.
        </p>
      )}
      <ul class="preset-list">
        {presets.map((preset) => (
          <li key={preset.id} class="preset">
            <div class="preset-text">
              <strong>{preset.name}</strong>
              <p class="muted">{preset.prompt}</p>
            </div>
            <button
              type="button"
              class="icon-button small"
              aria-label={`Delete preset ${preset.name}`}
              onClick={() => save(presets.filter((p) => p.id !== preset.id))}
            >
              <TrashIcon />
            </button>
          </li>
        ))}
      </ul>
      <form
        class="preset-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim() || !prompt.trim()) return;
          save([...presets, { id: `p${Date.now().toString(36)}`, name: name.trim(), prompt }]);
          setName('');
          setPrompt('');
        }}
      >
        <div class="field">
          <label for="preset-new-name">Name</label>
          <input
            id="preset-new-name"
            type="text"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="preset-new-prompt">System prompt</label>
          <textarea
            id="preset-new-prompt"
            rows={3}
            value={prompt}
            onInput={(e) => setPrompt(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button" disabled={!name.trim() || !prompt.trim()}>
          Add preset
        </button>
      </form>
    </div>
  );
}
