import {
  AgentCsvRow,
  AgenticFactorId,
  AgentRiskRecord,
  getAgenticFactor,
} from '@agent-risk/plugin-agent-risk-common';

const TOP_DRIVERS = 3;

/** The reasons columns of one agent's CSV row, from its stored record. */
export function csvReasons(
  record: Pick<AgentRiskRecord, 'contributions' | 'errors'> | undefined,
): Pick<AgentCsvRow, 'topDrivers' | 'errors'> {
  if (!record) {
    return { topDrivers: '', errors: '' };
  }
  const drivers = (
    Object.entries(record.contributions ?? {}) as Array<
      [AgenticFactorId, number]
    >
  )
    .filter(([, points]) => points > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, TOP_DRIVERS)
    .map(
      ([id, points]) =>
        `${getAgenticFactor(id)?.title ?? id} +${points.toFixed(2)}`,
    );
  return {
    topDrivers: drivers.join('; '),
    errors: (record.errors ?? [])
      .map(e => `${e.field}: ${e.message}`)
      .join('; '),
  };
}
