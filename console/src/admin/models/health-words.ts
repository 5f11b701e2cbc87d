// A deployment's health in words.
import type { DeploymentHealth, ModelGroup } from '../api/types';
import { waitWords } from '../format/reset-words';

export function stateWords(
  d: DeploymentHealth,
  now: number,
): { label: string; tone: 'good' | 'danger' | 'info'; detail: string | null } {
  if (d.state === 'cooling_down') {
    const until = d.cooldown_until;
    const left = until !== null ? Math.max(0, until - now) : null;
    return {
      label: 'Cooling down',
      tone: 'danger',
      detail:
        until === null
          ? 'skipped for now'
          : left !== null && left < 60_000
            ? `until ${clock(until)} (${Math.max(1, Math.ceil(left / 1000))} s)`
            : `until ${clock(until)} (in ${waitWords(left ?? 0)})`,
    };
  }
  if (d.state === 'probing')
    return { label: 'Probing', tone: 'info', detail: 'one request at a time' };
  return { label: 'Healthy', tone: 'good', detail: null };
}

const CLOCK = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function clock(ms: number): string {
  return CLOCK.format(ms);
}

export function failureWords(failures: Record<string, number>): string[] {
  return Object.entries(failures)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} ${kind}`);
}

export interface HealthCount {
  healthy: number;
  cooling: number;
  probing: number;
}

export function countHealth(groups: readonly ModelGroup[]): HealthCount {
  const out = { healthy: 0, cooling: 0, probing: 0 };
  for (const g of groups)
    for (const d of g.deployments) {
      if (d.state === 'cooling_down') out.cooling++;
      else if (d.state === 'probing') out.probing++;
      else out.healthy++;
    }
  return out;
}

export function groupHasTrouble(group: ModelGroup): boolean {
  return group.deployments.some(
    (d) => d.state !== 'healthy' || Object.values(d.recent_failures).some((n) => n > 0),
  );
}
