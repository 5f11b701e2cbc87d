// The key and team forms' values, their checks (with the server's limits, in words), and the
// change each sends: a new key gets every field set; an edit sends only what changed.
import { dayStart, utcDay } from '../range/date-range';
import type { AdminKey, AdminTeam, BudgetSetting, KeyChange, TeamChange } from '../api/types';

export interface LimitsForm {
  rpm: string;
  tpm: string;
  maxParallel: string;
  budgetUsd: string;
  budgetPeriod: string;
  allModels: boolean;
  models: string[];
}

export interface KeyForm extends LimitsForm {
  alias: string;
  team: string;
  expires: string;
}

export interface TeamForm extends LimitsForm {
  id: string;
}

export type FormErrors = Partial<Record<keyof KeyForm | keyof TeamForm, string>>;

export const PERIODS = [
  { id: 'daily', label: 'per day' },
  { id: 'weekly', label: 'per week (from Monday)' },
  { id: 'monthly', label: 'per month' },
  { id: 'total', label: 'in total (never resets)' },
];

const DAY = 86_400_000;
const MAX_BUDGET = 9_000_000_000;

const emptyLimits: LimitsForm = {
  rpm: '',
  tpm: '',
  maxParallel: '',
  budgetUsd: '',
  budgetPeriod: 'monthly',
  allModels: true,
  models: [],
};

export const EMPTY_KEY_FORM: KeyForm = { ...emptyLimits, alias: '', team: '', expires: '' };
export const EMPTY_TEAM_FORM: TeamForm = { ...emptyLimits, id: '' };

const count = (n: number) => (n > 0 ? String(n) : '');

function limitsFrom(item: AdminKey | AdminTeam): LimitsForm {
  return {
    rpm: count(item.rpm),
    tpm: count(item.tpm),
    maxParallel: count(item.max_parallel),
    budgetUsd: item.budget ? String(item.budget.usd) : '',
    budgetPeriod: item.budget?.period ?? 'monthly',
    allModels: item.models.length === 0,
    models: [...item.models],
  };
}

export function keyFormFrom(key: AdminKey): KeyForm {
  return {
    ...limitsFrom(key),
    alias: key.alias,
    team: key.team,
    // The form names the last day the key works; keygate stores the moment it stops.
    expires: key.expires_at_ms ? utcDay(key.expires_at_ms - 1) : '',
  };
}

export function teamFormFrom(team: AdminTeam): TeamForm {
  return { ...limitsFrom(team), id: team.id };
}

function wholeNumber(
  text: string,
  label: string,
  errors: FormErrors,
  field: keyof FormErrors,
): number {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (trimmed === '') return 0;
  if (!/^\d+$/.test(trimmed)) {
    errors[field] = `${label} must be a whole number, or empty for no limit.`;
    return 0;
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) errors[field] = `${label} is too large.`;
  return value;
}

interface LimitsChange {
  rpm: number;
  tpm: number;
  max_parallel: number;
  budget: BudgetSetting | null;
  models: string[];
}

function checkLimits(form: LimitsForm, errors: FormErrors): LimitsChange {
  const rpm = wholeNumber(form.rpm, 'Requests per minute', errors, 'rpm');
  const tpm = wholeNumber(form.tpm, 'Tokens per minute', errors, 'tpm');
  const maxParallel = wholeNumber(form.maxParallel, 'At once', errors, 'maxParallel');
  let budget: BudgetSetting | null = null;
  const usdText = form.budgetUsd.trim().replace(/^\$/, '').replace(/,/g, '');
  if (usdText !== '') {
    const usd = Number(usdText);
    if (!/^\d+(\.\d{0,9})?$/.test(usdText) || !Number.isFinite(usd))
      errors.budgetUsd = 'The budget is an amount in dollars, like 25 or 12.50.';
    else if (usd > MAX_BUDGET) errors.budgetUsd = 'The budget can be at most $9,000,000,000.';
    else budget = { usd, period: form.budgetPeriod };
  }
  if (!PERIODS.some((p) => p.id === form.budgetPeriod)) errors.budgetPeriod = 'Pick a period.';
  if (!form.allModels && form.models.length === 0)
    errors.models = 'Pick at least one model, or allow all of them.';
  return {
    rpm,
    tpm,
    max_parallel: maxParallel,
    budget,
    models: form.allModels ? [] : [...form.models].sort(),
  };
}

export function checkKeyForm(
  form: KeyForm,
  now: number,
): { errors: FormErrors; change: Required<KeyChange> } {
  const errors: FormErrors = {};
  const alias = form.alias.trim();
  if (alias.length > 64) errors.alias = 'The name can be at most 64 characters.';
  let expires: number | null = null;
  if (form.expires) {
    const start = dayStart(form.expires);
    if (start === null) errors.expires = 'The expiry is not a date.';
    else if (start + DAY <= now) errors.expires = 'The expiry is in the past: pick today or later.';
    else expires = start + DAY;
  }
  const limits = checkLimits(form, errors);
  return {
    errors,
    change: { alias, team: form.team, expires_at_ms: expires, ...limits },
  };
}

const TEAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkTeamForm(
  form: TeamForm,
  isNew: boolean,
  taken: readonly string[],
): { errors: FormErrors; change: Required<Omit<TeamChange, 'id'>> & { id: string } } {
  const errors: FormErrors = {};
  const id = form.id.trim();
  if (isNew) {
    if (!id) errors.id = 'Name the team.';
    else if (!TEAM_ID.test(id))
      errors.id =
        'Use letters, digits, dots, dashes or underscores (up to 64), starting with a letter or digit.';
    else if (taken.includes(id)) errors.id = `A team named “${id}” already exists.`;
  }
  return { errors, change: { id, ...checkLimits(form, errors) } };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only the fields whose value differs from what the item has now. */
export function changedFields<T extends object>(next: T, current: T): Partial<T> {
  const out: Partial<T> = {};
  for (const name of Object.keys(next) as (keyof T)[]) {
    if (!same(next[name], current[name])) out[name] = next[name];
  }
  return out;
}

export function keyAsChange(key: AdminKey): Required<KeyChange> {
  return {
    alias: key.alias,
    team: key.team,
    expires_at_ms: key.expires_at_ms,
    rpm: key.rpm,
    tpm: key.tpm,
    max_parallel: key.max_parallel,
    budget: key.budget ? { usd: key.budget.usd, period: key.budget.period } : null,
    models: [...key.models].sort(),
  };
}

export function teamAsChange(team: AdminTeam): Required<Omit<TeamChange, 'id'>> & { id: string } {
  return {
    id: team.id,
    rpm: team.rpm,
    tpm: team.tpm,
    max_parallel: team.max_parallel,
    budget: team.budget ? { usd: team.budget.usd, period: team.budget.period } : null,
    models: [...team.models].sort(),
  };
}
