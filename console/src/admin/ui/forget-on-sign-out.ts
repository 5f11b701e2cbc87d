// What the admin pages keep in memory (key aliases, filter suggestions) belongs to the key that
// was signed in: another sign-in starts without it.
import { session } from '../../app/app-state';
import { forgetKeyAliases } from './key-names';
import { forgetSuggestions } from './suggestions';

let signedAs = session.get()?.key?.id ?? null;

session.subscribe((state) => {
  const next = state?.signed_in ? (state.key?.id ?? null) : null;
  if (next === signedAs) return;
  signedAs = next;
  forgetKeyAliases();
  forgetSuggestions();
});
