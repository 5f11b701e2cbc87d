import { describe, expect, it } from 'vitest';
import type { AdminKey } from '../api/types';
import {
  EMPTY_KEY_FORM,
  EMPTY_TEAM_FORM,
  changedFields,
  checkKeyForm,
  checkTeamForm,
  keyAsChange,
  keyFormFrom,
} from './key-form';

const NOW = Date.UTC(2024, 2, 10, 12);

const KEY: AdminKey = {
  id: 'key_1',
  alias: 'alex',
  team: 'research',
  revoked: false,
  source: 'api',
  created_at_ms: 0,
  models: ['gpt-4.1'],
  rpm: 60,
  tpm: 0,
  max_parallel: 0,
  budget: { usd: 50, period: 'monthly' },
  expires_at_ms: Date.UTC(2024, 11, 1),
};

describe('the key form', () => {
  it('turns a filled form into a new key', () => {
    const { errors, change } = checkKeyForm(
      {
        ...EMPTY_KEY_FORM,
        alias: ' ci ',
        rpm: '1,000',
        budgetUsd: '$12.50',
        budgetPeriod: 'weekly',
        expires: '2024-03-10',
        allModels: false,
        models: ['o4-mini', 'gpt-4.1'],
      },
      NOW,
    );
    expect(errors).toEqual({});
    expect(change).toEqual({
      alias: 'ci',
      team: '',
      rpm: 1000,
      tpm: 0,
      max_parallel: 0,
      budget: { usd: 12.5, period: 'weekly' },
      // The key works through the day named, UTC.
      expires_at_ms: Date.UTC(2024, 2, 11),
      models: ['gpt-4.1', 'o4-mini'],
    });
  });

  it('says what is wrong with each field, in words', () => {
    const { errors } = checkKeyForm(
      {
        ...EMPTY_KEY_FORM,
        rpm: '1.5',
        tpm: '-3',
        budgetUsd: 'ten',
        expires: '2024-03-09',
        allModels: false,
      },
      NOW,
    );
    expect(errors).toEqual({
      rpm: 'Requests per minute must be a whole number, or empty for no limit.',
      tpm: 'Tokens per minute must be a whole number, or empty for no limit.',
      budgetUsd: 'The budget is an amount in dollars, like 25 or 12.50.',
      expires: 'The expiry is in the past: pick today or later.',
      models: 'Pick at least one model, or allow all of them.',
    });
    expect(checkKeyForm({ ...EMPTY_KEY_FORM, budgetUsd: '9000000001' }, NOW).errors.budgetUsd).toBe(
      'The budget can be at most $9,000,000,000.',
    );
  });

  it('reads a key back into the form and sends only what changed', () => {
    const form = keyFormFrom(KEY);
    expect(form.expires).toBe('2024-11-30');
    expect(form.rpm).toBe('60');
    expect(form.tpm).toBe('');
    const { change } = checkKeyForm({ ...form, budgetUsd: '80' }, NOW);
    expect(changedFields(change, keyAsChange(KEY))).toEqual({
      budget: { usd: 80, period: 'monthly' },
    });
    const removed = checkKeyForm({ ...form, budgetUsd: '', expires: '' }, NOW).change;
    expect(changedFields(removed, keyAsChange(KEY))).toEqual({ budget: null, expires_at_ms: null });
  });
});

describe('the team form', () => {
  it('checks the name of a new team', () => {
    expect(checkTeamForm({ ...EMPTY_TEAM_FORM, id: '' }, true, []).errors.id).toBe(
      'Name the team.',
    );
    expect(checkTeamForm({ ...EMPTY_TEAM_FORM, id: 'a b' }, true, []).errors.id).toMatch(/letters/);
    expect(checkTeamForm({ ...EMPTY_TEAM_FORM, id: 'ops' }, true, ['ops']).errors.id).toBe(
      'A team named “ops” already exists.',
    );
    expect(
      checkTeamForm({ ...EMPTY_TEAM_FORM, id: 'ops', tpm: '100000' }, true, []).change,
    ).toEqual({
      id: 'ops',
      rpm: 0,
      tpm: 100000,
      max_parallel: 0,
      budget: null,
      models: [],
    });
  });
});
