import { SsvcOutcome } from '@agent-risk/plugin-agent-risk-common';

/** The translation key of an outcome (i18next keys avoid its hyphen). */
export const OUTCOME_KEY: Record<
  SsvcOutcome,
  'defer' | 'scheduled' | 'outOfCycle' | 'immediate'
> = {
  Defer: 'defer',
  Scheduled: 'scheduled',
  'Out-of-Cycle': 'outOfCycle',
  Immediate: 'immediate',
};

/** A due date as a day (the deadline is a day, not an instant). */
export function formatDueDate(iso: string | Date | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(date.getTime())
    ? String(iso)
    : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}
