// Per-chat settings: system prompt (from presets or written here), temperature, max tokens,
// reasoning effort.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ChatSettings, Preset } from '../../api/types';
import { preferences, savePreferences } from '../../app/app-state';
import { useObservable } from '../../app/observable';
import { Dialog } from '../../ui/Dialog';

interface Props {
  open: boolean;
  settings: ChatSettings;
  systemPrompt: string | null;
  reasoningModel: boolean;
  onSave: (settings: ChatSettings, systemPrompt: string | null) => void;
  onClose: () => void;
}

function parseOptionalNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function ChatSettingsDialog(props: Props): JSX.Element {
  const prefs = useObservable(preferences);
  const presets = prefs.presets ?? [];
  const [prompt, setPrompt] = useState(props.systemPrompt ?? '');
  const [temperature, setTemperature] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const [effort, setEffort] = useState('');
  const [presetName, setPresetName] = useState('');

  useEffect(() => {
    if (!props.open) return;
    setPrompt(props.systemPrompt ?? '');
    setTemperature(props.settings.temperature?.toString() ?? '');
    setMaxTokens(props.settings.max_tokens?.toString() ?? '');
    setEffort(props.settings.reasoning_effort ?? '');
    setPresetName('');
  }, [props.open]);

  const temperatureValue = parseOptionalNumber(temperature);
  const maxTokensValue = parseOptionalNumber(maxTokens);
  const temperatureBad =
    temperature.trim() !== '' &&
    (temperatureValue === undefined || temperatureValue < 0 || temperatureValue > 2);
  const maxTokensBad =
    maxTokens.trim() !== '' &&
    (maxTokensValue === undefined || !Number.isInteger(maxTokensValue) || maxTokensValue < 1);

  const save = () => {
    if (temperatureBad || maxTokensBad) return;
    const settings: ChatSettings = {};
    if (temperatureValue !== undefined) settings.temperature = temperatureValue;
    if (maxTokensValue !== undefined) settings.max_tokens = maxTokensValue;
    if (effort === 'low' || effort === 'medium' || effort === 'high')
      settings.reasoning_effort = effort;
    props.onSave(settings, prompt.trim() ? prompt : null);
    props.onClose();
  };

  const saveAsPreset = () => {
    const name = presetName.trim();
    if (!name || !prompt.trim()) return;
    const preset: Preset = { id: `p${Date.now().toString(36)}`, name, prompt };
    void savePreferences({ ...prefs, presets: [...presets, preset] });
    setPresetName('');
  };

  return (
    <Dialog open={props.open} title="Chat settings" onClose={props.onClose}>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div class="field">
          <div class="field-label-row">
            <label for="system-prompt">System prompt</label>
            {presets.length > 0 && (
              <select
                aria-label="Use a preset"
                class="select-small"
                value=""
                onChange={(event) => {
                  const chosen = presets.find((p) => p.id === event.currentTarget.value);
                  if (chosen) setPrompt(chosen.prompt);
                }}
              >
                <option value="">Use a preset…</option>
                {presets.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.name}
                  </option>
                ))}
              </select>
            )}
          </div>
          <textarea
            id="system-prompt"
            rows={5}
            value={prompt}
            placeholder="You are a concise assistant…"
            onInput={(e) => setPrompt(e.currentTarget.value)}
          />
          <div class="inline-row">
            <label for="preset-name" class="visually-hidden">
              Preset name
            </label>
            <input
              id="preset-name"
              type="text"
              placeholder="Name, to save as a preset"
              value={presetName}
              onInput={(e) => setPresetName(e.currentTarget.value)}
            />
            <button
              type="button"
              class="button button-small"
              disabled={!presetName.trim() || !prompt.trim()}
              onClick={saveAsPreset}
            >
              Save preset
            </button>
          </div>
        </div>
        <div class="field-grid">
          <div class="field">
            <label for="temperature">Temperature</label>
            <input
              id="temperature"
              type="number"
              inputMode="decimal"
              min="0"
              max="2"
              step="0.1"
              placeholder="model default"
              value={temperature}
              aria-invalid={temperatureBad}
              aria-describedby="temperature-help"
              onInput={(e) => setTemperature(e.currentTarget.value)}
            />
            <p id="temperature-help" class={`help ${temperatureBad ? 'is-error' : ''}`}>
              0 to 2; empty for the model’s default.
            </p>
          </div>
          <div class="field">
            <label for="max-tokens">Max tokens</label>
            <input
              id="max-tokens"
              type="number"
              inputMode="numeric"
              min="1"
              step="1"
              placeholder="model default"
              value={maxTokens}
              aria-invalid={maxTokensBad}
              aria-describedby="max-tokens-help"
              onInput={(e) => setMaxTokens(e.currentTarget.value)}
            />
            <p id="max-tokens-help" class={`help ${maxTokensBad ? 'is-error' : ''}`}>
              Caps the answer’s length and its cost.
            </p>
          </div>
          <div class="field">
            <label for="reasoning-effort">Reasoning effort</label>
            <select
              id="reasoning-effort"
              value={effort}
              aria-describedby="effort-help"
              onChange={(e) => setEffort(e.currentTarget.value)}
            >
              <option value="">Model default</option>
              <option value="low">Low</option>
              <option value="medium">Medium</option>
              <option value="high">High</option>
            </select>
            <p id="effort-help" class="help">
              {props.reasoningModel
                ? 'More effort, more reasoning tokens.'
                : 'For reasoning models.'}
            </p>
          </div>
        </div>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            class="button button-primary"
            disabled={temperatureBad || maxTokensBad}
          >
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
