// What the filter fields suggest: for the master, every key, model group and deployment
// (GET /admin/keys and /admin/models, once); for a virtual key, the models it may use.
import { useEffect, useState } from 'preact/hooks';
import { models as consoleModels } from '../../app/app-state';
import { useObservable } from '../../app/observable';
import { adminApi } from '../api/admin-api';
import type { FilterSuggestions } from '../requests/RequestFiltersBar';

let cached: Promise<FilterSuggestions> | null = null;

function loadForMaster(): Promise<FilterSuggestions> {
  cached ??= Promise.all([adminApi.keys().catch(() => []), adminApi.models().catch(() => [])]).then(
    ([keys, groups]) => ({
      keys: keys.map((k) => ({ id: k.id, alias: k.alias || k.id })),
      models: groups.map((g) => g.name),
      deployments: groups.flatMap((g) => g.deployments.map((d) => d.id)),
    }),
  );
  return cached;
}

export function forgetSuggestions(): void {
  cached = null;
}

export function useSuggestions(master: boolean): FilterSuggestions {
  const own = useObservable(consoleModels);
  const [loaded, setLoaded] = useState<FilterSuggestions | null>(null);
  useEffect(() => {
    if (!master) return;
    let live = true;
    void loadForMaster().then((s) => live && setLoaded(s));
    return () => {
      live = false;
    };
  }, [master]);
  if (master) return loaded ?? { keys: [], models: [], deployments: [] };
  return { keys: [], models: (own ?? []).map((m) => m.id), deployments: [] };
}
