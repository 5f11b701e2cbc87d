// Presets (today, 7 days, 30 days, this month) or a custom pair of UTC days.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Segmented } from '../ui/Segmented';
import {
  PRESETS,
  presetRange,
  rangeLabel,
  rangeProblem,
  type DateRange,
  type RangePreset,
} from './date-range';

export function RangePicker(props: {
  preset: RangePreset;
  range: DateRange;
  now: number;
  onChange: (preset: RangePreset, range: DateRange) => void;
}): JSX.Element {
  const [custom, setCustom] = useState(props.preset === 'custom');
  const [draft, setDraft] = useState<DateRange>(props.range);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    setCustom(props.preset === 'custom');
    setDraft(props.range);
  }, [props.preset, props.range.from, props.range.to]);

  const problem = rangeProblem(draft);
  const shown: RangePreset = custom ? 'custom' : props.preset;

  return (
    <div class="range-picker">
      <Segmented
        label="Dates"
        name="range"
        hideLabel
        value={shown}
        options={PRESETS}
        onChange={(preset) => {
          if (preset === 'custom') {
            setCustom(true);
            return;
          }
          setCustom(false);
          props.onChange(preset, presetRange(preset, props.now));
        }}
      />
      {custom ? (
        <form
          class="range-custom"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (!problem) props.onChange('custom', draft);
          }}
        >
          <label>
            <span>From</span>
            <input
              type="date"
              value={draft.from}
              aria-invalid={tried && problem !== null}
              aria-describedby="range-problem"
              onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>To</span>
            <input
              type="date"
              value={draft.to}
              aria-invalid={tried && problem !== null}
              aria-describedby="range-problem"
              onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            />
          </label>
          <button type="submit" class="button button-small">
            Apply
          </button>
          <p id="range-problem" class="range-note" aria-live="polite">
            {tried && problem ? <span class="is-error">{problem}</span> : 'Days are UTC.'}
          </p>
        </form>
      ) : (
        <p class="range-note">{rangeLabel(props.range, props.now)} · UTC</p>
      )}
    </div>
  );
}
