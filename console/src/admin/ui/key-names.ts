// Key ids are what the ledger keeps; people know keys by alias. The master's pages look the
// aliases up once (GET /admin/keys) and show "alias" with the id beside it.
import { Observable } from '../../app/observable';
import { adminApi } from '../api/admin-api';

export const keyAliases = new Observable<Map<string, string>>(new Map());
let asked = false;
let generation = 0;

export function loadKeyAliases(force = false): void {
  if (asked && !force) return;
  asked = true;
  const mine = generation;
  adminApi.keys().then(
    (keys) => {
      if (mine !== generation) return;
      keyAliases.set(new Map(keys.filter((k) => k.alias).map((k) => [k.id, k.alias])));
    },
    () => {
      if (mine === generation) asked = false;
    },
  );
}

export function rememberAlias(id: string, alias: string | null | undefined): void {
  if (!alias || keyAliases.get().get(id) === alias) return;
  const next = new Map(keyAliases.get());
  next.set(id, alias);
  keyAliases.set(next);
}

export function forgetKeyAliases(): void {
  generation++;
  asked = false;
  keyAliases.set(new Map());
}
