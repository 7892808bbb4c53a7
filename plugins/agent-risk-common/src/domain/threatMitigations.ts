import { AGENTIC_THREATS } from './threats';

/**
 * A short note per threat id on what lowers it, in this project's words,
 * drawn from the OWASP agentic threat material. Shown next to each MAESTRO
 * threat on the Risk tab.
 *
 * @public
 */
export const THREAT_MITIGATION_NOTES: Readonly<Record<string, string>> = {
  ASI01:
    'Treat every instruction from content, tools or other agents as data; pin the goal in a system policy the agent cannot rewrite, and ask a human before actions that change it.',
  ASI02:
    'Give each tool the narrowest scope and arguments it needs, validate arguments before the call, and rate-limit or require approval for destructive calls.',
  ASI03:
    'Run the agent under its own short-lived identity with least privilege; never let it borrow a user’s full session, and re-check authorisation per action.',
  ASI04:
    'Pin and verify models, prompts, plugins and MCP servers (signatures, hashes, a private registry), and review changes to them like code.',
  ASI05:
    'Run generated code only in a sandbox without secrets or network by default; review or statically check it before it runs anywhere real.',
  ASI06:
    'Separate memory per user and task, record where each memory came from, expire it, and keep untrusted content out of long-term memory.',
  ASI07:
    'Authenticate and sign messages between agents, validate their schema, and never execute another agent’s output as instructions.',
  ASI08:
    'Bound retries, fan-out and spend; add circuit breakers between agents so one failure or hallucination cannot cascade through the system.',
  ASI09:
    'Show users what the agent will do and why, make it say when it is unsure, and keep a human decision for irreversible actions.',
  ASI10:
    'Monitor behaviour against a baseline, keep a kill switch per agent, and limit what an agent can do on its own without review.',
  T1: 'Validate and attribute what enters memory, isolate sessions, and let memory expire or be rolled back to a known-good state.',
  T2: 'Allow-list tools per task, check every call’s arguments, and log each call with the reason the agent gave.',
  T3: 'Grant permissions per task and time-box them; stop the agent from acquiring or delegating more rights than it started with.',
  T4: 'Set quotas on calls, tokens and time per task, and queue or shed load instead of letting one agent exhaust shared services.',
  T5: 'Check facts against trusted sources before they feed further steps or other agents, and require citations for claims that drive actions.',
  T6: 'Keep goals and plans visible and checked against policy at each step; flag plans that drift from the task the user asked for.',
  T7: 'Test the agent adversarially before release, log its reasoning and actions, and compare what it reports with what it did.',
  T8: 'Keep tamper-evident logs of every decision and action with the identity and inputs behind it, so each outcome can be traced.',
  T9: 'Give agents verifiable identities, authenticate every agent-to-agent and agent-to-user exchange, and never trust a claimed name.',
  T10: 'Batch and prioritise what reaches reviewers, show the risk of each request, and fall back to a safe default instead of flooding people.',
  T11: 'Never pass model output to a shell, interpreter or query unescaped; sandbox execution and scan what the agent generates.',
  T12: 'Validate and sign shared context and messages between agents, and quarantine an agent whose inputs look poisoned.',
  T13: 'Register every agent, watch for ones acting outside their role, and be able to isolate or stop one without stopping the rest.',
  T14: 'Rate-limit and authenticate inputs to the multi-agent system, and watch for inputs crafted to turn agents against each other.',
  T15: 'Be clear that users talk to an agent, avoid persuasive framing for risky actions, and confirm intent before acting on emotional pressure.',
};

/**
 * The note for a threat id, or undefined for an unknown id.
 *
 * @public
 */
export function threatMitigationNote(id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(AGENTIC_THREATS, id)
    ? THREAT_MITIGATION_NOTES[id]
    : undefined;
}
