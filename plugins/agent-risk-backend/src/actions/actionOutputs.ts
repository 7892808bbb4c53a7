import {
  AgentListItem,
  AgentRiskRecord,
  RiskAcceptance,
  RiskSummary,
} from '@agent-risk/plugin-agent-risk-common';
import {
  EVIDENCE_FACT_MAX_LENGTH,
  LAYER_TEXT_MAX_LENGTH,
  REASON_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  TOOL_DESCRIPTION_MAX_LENGTH,
  TOOLS_PER_SERVER_MAX,
  untrusted,
} from './schemas';

/*
 * What the actions return, from what the HTTP API returns: every free-text
 * field bounded and marked as untrusted data (the schemas in schemas.ts
 * say the same to the client).
 */

function toActionAcceptance(acceptance: RiskAcceptance | null) {
  return (
    acceptance && {
      ...acceptance,
      justification: untrusted(acceptance.justification, REASON_MAX_LENGTH),
      endedReason: untrusted(acceptance.endedReason, REASON_MAX_LENGTH),
    }
  );
}

/** A ranking row as `list-riskiest-agents` returns it. */
export function toActionListItem<T extends AgentListItem>(item: T) {
  return {
    ...item,
    title: untrusted(item.title, TITLE_MAX_LENGTH),
    ownerTitle: untrusted(item.ownerTitle, TITLE_MAX_LENGTH),
    systemTitle: untrusted(item.systemTitle, TITLE_MAX_LENGTH),
    lifecycle: untrusted(item.lifecycle, TITLE_MAX_LENGTH),
    acceptance: toActionAcceptance(item.acceptance),
  };
}

/**
 * The record as `get-agent-risk` returns it. Layer text reaches a language
 * model only when asked for; layers without any assessment say so.
 */
export function toActionRecord(
  record: AgentRiskRecord,
  includeLayerText: boolean,
) {
  return {
    ...toActionListItem(record),
    tools: record.tools.map(server => ({
      ...server,
      tools: server.tools.slice(0, TOOLS_PER_SERVER_MAX).map(tool => ({
        ...tool,
        title: untrusted(tool.title, TITLE_MAX_LENGTH),
        description: untrusted(tool.description, TOOL_DESCRIPTION_MAX_LENGTH),
      })),
      truncatedTools: Math.max(0, server.tools.length - TOOLS_PER_SERVER_MAX),
    })),
    errors: record.errors.map(error => ({
      field: error.field,
      message: untrusted(error.message, REASON_MAX_LENGTH),
    })),
    ssvc: record.ssvc && {
      ...record.ssvc,
      errors: record.ssvc.errors.map(error => ({
        field: error.field,
        message: untrusted(error.message, REASON_MAX_LENGTH),
      })),
    },
    evidence: record.evidence.map(finding => ({
      ...finding,
      facts: finding.facts.map(fact =>
        untrusted(fact, EVIDENCE_FACT_MAX_LENGTH),
      ),
    })),
    layers: record.layers.map(layer => {
      const assessed = layer.text !== null || layer.threats.length > 0;
      return {
        id: layer.id,
        title: layer.title,
        confidence: assessed ? layer.confidence : ('unassessed' as const),
        threats: layer.threats,
        ...(includeLayerText && layer.text !== null
          ? { text: untrusted(layer.text, LAYER_TEXT_MAX_LENGTH) }
          : {}),
      };
    }),
  };
}

/** The summary as `get-agent-risk-summary` returns it. */
export function toActionSummary(summary: RiskSummary) {
  return {
    ...summary,
    byOwner: summary.byOwner.map(owner => ({
      ...owner,
      ownerTitle: untrusted(owner.ownerTitle, TITLE_MAX_LENGTH),
    })),
  };
}
