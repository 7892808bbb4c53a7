import { createTranslationRef } from '@backstage/core-plugin-api/alpha';

/**
 * Every text the plugin shows, in English, nested by the component that shows
 * it. A new component adds its own group here and reads it with
 * `const { t } = useTranslationRef(agentRiskTranslationRef)`. Counts use
 * i18next plural keys (`_one` / `_other`, called with `{ count }`); numbers
 * and names are interpolated, already formatted by `shared/format.ts`.
 *
 * @alpha
 */
export const agentRiskTranslationRef = createTranslationRef({
  id: 'agent-risk',
  messages: {
    common: {
      notScored: 'Not scored',
      aivssScore: 'AIVSS {{score}}',
      severityRisk: '{{severity}} risk',
      cvssAssumed: 'assumed by org policy',
      severity: {
        critical: 'Critical',
        high: 'High',
        medium: 'Medium',
        low: 'Low',
        none: 'None',
      },
      status: {
        scored: 'Scored',
        incomplete: 'Incomplete: required inputs are missing',
        invalid: 'Invalid: some inputs are malformed',
      },
      statusShort: {
        scored: 'Scored',
        incomplete: 'Incomplete',
        invalid: 'Invalid',
      },
      scrollableTable: '{{name}}, scrollable',
      forbidden: {
        title: 'You are not allowed to see risk data',
        description:
          'Your account lacks the agent-risk.read permission. Ask the owners of this Backstage instance for access.',
      },
      sessionExpired: {
        title: 'Your session has expired',
        description:
          'The backend no longer accepts your sign-in. Reload the page to sign in again.',
        reload: 'Reload',
      },
      validationProblems: {
        ariaLabel: 'Validation problems',
        intro: 'This agent has no score until these annotations are fixed:',
      },
    },
    rankingPage: {
      title: 'Agent risk',
      subtitle:
        'AI agents ranked by OWASP AIVSS score, with their CSA MAESTRO threat models',
      registerAgent: 'Register an agent',
      registerForbidden:
        'Registering agents needs the agent-risk.agent.create permission',
      rankingCardTitle: 'Ranking',
      activeFilters: {
        label: 'Active filters',
        intro: 'Showing only agents with',
        remove: 'Remove filter {{filter}}',
        clearAll: 'Clear all filters',
      },
      leadership: {
        label: 'Summary for leadership',
        critical_one: '{{count}} Critical agent',
        critical_other: '{{count}} Critical agents',
        change: '({{change}} since {{since}})',
        noChange: 'no change',
        mostRisk:
          'Most risk: {{owner}} ({{critical}} Critical, {{high}} High, max {{max}})',
        criticalReasons: 'Why they are Critical',
        moreCritical_one: 'and {{count}} more Critical agent',
        moreCritical_other: 'and {{count}} more Critical agents',
      },
      exportMenu: {
        button: 'Export',
        busy: 'Exporting…',
        csv: 'CSV',
        cyclonedx: 'CycloneDX (AI-BOM)',
        failed: '{{format}} export failed: {{message}}',
      },
      ssvcSummary: {
        ariaLabel: 'Agents by SSVC outcome',
        overdue: 'Overdue',
        none: 'No SSVC decision',
        heading: 'What must be fixed, by when (AIVSS-SSVC)',
      },
      summary: {
        totalAgents: 'Total agents',
        statusCount: '{{status}}: {{agents}}',
        modelAndSync: '· model {{model}} · last sync {{lastSync}}',
      },
      histogram: {
        title: 'Score distribution',
        subheader: 'Scored agents per AIVSS range',
        empty: 'No scored agents yet.',
        barName: 'Agents',
      },
      ownerRollup: {
        title: 'Risk by owner',
        subheader: 'Teams by their riskiest agent (AIVSS max and mean)',
        empty: 'No owners yet.',
        columns: {
          owner: 'Owner',
          agents: 'Agents',
          critical: 'Critical',
          high: 'High',
          max: 'Max',
          mean: 'Mean',
        },
      },
      filters: {
        search: 'Search agents',
        owner: 'Owner',
        severity: 'Severity',
        status: 'Status',
        system: 'System',
        lifecycle: 'Lifecycle',
        commaSeparated: 'Comma-separated',
        ownedByMe: 'Owned by me',
        acceptance: 'Risk acceptance',
        acceptanceStates: {
          pending: 'Pending',
          accepted: 'Accepted',
          expired: 'Expired',
          revoked: 'Revoked',
        },
        reviewOverdue: 'Review overdue',
        understated: 'Understated by the evidence',
        discovered: 'Discovered',
        notAssessed: 'Not yet assessed',
        ssvcOutcome: 'SSVC outcome',
      },
      table: {
        ariaLabel: 'Agents ranked by risk',
        scrollLabel: 'Ranking',
        empty: 'No agents match these filters.',
        understated:
          'Understated: the evidence shows a factor above what is declared',
        discovered: 'Discovered from its agent card',
        notAssessed: 'Not yet assessed',
        cvssAssumed: ' (assumed by org policy)',
        rowsPerPage: 'Agents per page',
        columns: {
          agent: 'Agent',
          owner: 'Owner',
          system: 'System',
          lifecycle: 'Lifecycle',
          score: 'AIVSS',
          severity: 'Severity',
          status: 'Status',
          cvssBase: 'CVSS base',
          computed: 'Computed',
          due: 'Due',
          outcome: 'SSVC outcome',
        },
      },
    },
    riskTab: {
      headline: {
        title: 'AIVSS risk score',
        model: '· model {{model}}',
        formulaInputs: 'Formula inputs',
        cvssBase: 'CVSS base',
        aars: 'AARS uplift',
        factorSum: 'Factor sum',
        factorSumValue: '{{sum}} / 10',
        threatMultiplier: 'Threat multiplier',
        mitigationFactor: 'Mitigation factor',
        defaultNote: 'default: not declared',
        rank: 'Rank {{rank}} among scored agents in the org',
        percentile: ' · riskier than {{percentile}}% of them',
      },
      refresh: {
        button: 'Refresh now',
        busy: 'Refreshing…',
        tooltip:
          'Have the catalog re-read this agent and re-score it now, instead of at the next sync',
        noPermission: 'You need the agent-risk.refresh permission',
        forbidden: 'You are not allowed to refresh risk scores.',
        sessionExpired:
          'Your session has expired: reload the page to sign in again.',
        failed: 'Refresh failed: {{message}}',
        refreshedAt: 'Refreshed {{time}}.',
        scoreUnchanged: 'Score unchanged at {{now}}',
        scoreChanged: 'Score {{before}} → {{now}}',
        scoredFirstTime: 'Scored for the first time: {{now}}',
        catalogUpdated: 'The catalog had newer data for this agent.',
        catalogNotUpdated: 'The catalog had no newer data for this agent.',
      },
      factors: {
        title: 'Agentic factors',
        subheader:
          'Most contributing first. Points: what each factor adds to the AIVSS score, rounded so the column adds up to its total',
        ariaLabel: 'Agentic factors',
        factor: 'Factor',
        value: 'Value',
        valueRange: '(0–1)',
        points: 'Points',
        total: 'Total',
        missing: 'missing',
        totalWithMitigation:
          'the AARS uplift {{aars}} × mitigation factor {{mitigation}}',
        totalHalfThreat:
          'this model weighs each factor by half the threat multiplier',
      },
      history: {
        title: 'Score history',
        empty: 'No score changes recorded yet.',
        summary_one:
          '{{count}} recorded change; latest {{score}} ({{severity}}) on {{time}}.',
        summary_other:
          '{{count}} recorded changes; latest {{score}} ({{severity}}) on {{time}}.',
        lineName: 'AIVSS',
      },
      tools: {
        title: 'Tools',
        subheader: 'Entities this agent depends on',
        empty: 'No tools declared. Add them to {{field}}.',
      },
      maestro: {
        title: 'MAESTRO threat model',
        notAssessed: 'Not assessed.',
        confidence: 'Confidence: {{confidence}}',
        confidenceLevel: {
          mapped: 'Mapped: backed by evidence about this agent',
          uncertain: 'Uncertain: general commentary, not pinned to this agent',
        },
      },
      ssvc: {
        title: 'AIVSS-SSVC decision',
        subheader: 'OWASP’s agent-level decision: what to fix, and by when',
        notAssessed: 'Not assessed with AIVSS-SSVC',
        notAssessedHelp:
          'Add the aivss.owasp.org/ssvc-* annotations (threat, vulnerability, impact and the ten capability factors rated 1 to 5) to get an outcome and a due date.',
        problems: 'Problems by field',
        ratings: 'The ratings chosen',
        ratingsAriaLabel: 'SSVC ratings',
        factor: 'Factor',
        rating: 'Rating',
        meaning: 'What it means',
        input: 'Input',
        value: 'Value',
        ratingBetween: 'between “{{lower}}” and “{{upper}}”',
      },
      missing: {
        title: 'No risk assessment for this agent yet',
        description:
          "Add the OWASP AIVSS and CSA MAESTRO annotations to this entity's catalog-info.yaml. All values are strings: quote the numbers.",
        action:
          'The complete block is below; copy it and replace the example values.',
        snippetTitle: 'Add to catalog-info.yaml',
      },
    },
    whatIf: {
      title: 'What if?',
      subheader:
        'Try other inputs; the score is recomputed here with {{model}}. Nothing is saved.',
      resultAriaLabel: 'What-if result',
      result: 'What-if AIVSS {{score}} · {{severity}}',
      setMissingFactors_one: 'Set the {{count}} missing factor to see a score',
      setMissingFactors_other:
        'Set the {{count}} missing factors to see a score',
      fixInputs: 'Fix the highlighted inputs to see a score',
      recorded: 'Recorded: {{score}} ({{severity}})',
      whatIfDetails: ' · what-if AARS {{aars}}, factor sum {{factorSum}} / 10',
      factorValue: '{{factor}}: {{value}}',
      factorMissing: 'missing, move the slider to set it',
      factorNotSet: 'not set',
      cvssBase: 'CVSS base (0 to 10)',
      cvssBaseAssumed: 'CVSS base (assumed by org policy)',
      cvssBaseError: 'Enter a number from 0 to 10',
      threatMultiplier: 'Threat multiplier',
      mitigationFactor: 'Mitigation factor',
      mitigationNotUsed: 'Not used by this scoring model',
      weakIsNone:
        'none and weak both multiply by 1.00: the AIVSS v0.8 table gives weak controls no reduction. partial (× 0.83) is the first that lowers the score.',
      range: 'From {{min}} to {{max}}',
      keywordOption: '{{keyword}} (× {{value}})',
      customOption: 'custom ({{min}} to {{max}})',
      customLabel: '{{label}} (number)',
      reset: 'Reset to recorded inputs',
      withEvidence: 'Score with evidence',
      withEvidenceHelp:
        'Raises each factor the evidence shows is understated to its bound.',
      evidenceApplied:
        'Evidence applied: {{changes}}. Save it to make it the assessment.',
      evidenceReason: 'Raised to what the evidence shows: {{changes}}',
    },
    evidence: {
      title: 'Evidence',
      subheader:
        'What the catalog and the agent card show, checked against the declared factors. Evidence never changes the score.',
      none: 'No finding: the declared factors are at or above what the facts show.',
      understated: 'Understated',
      notice: 'Finding',
      factsLabel: 'Facts the rule saw',
      listLabel: 'Evidence findings',
    },
    fieldLabels: {
      kind: 'Kind',
      tags: 'Tags',
      links: 'Links',
      type: 'Type',
      owner: 'Owner',
      system: 'System',
      tools: 'Tools',
      cvssVector: 'CVSS 4.0 vector',
      reviewedAt: 'Reviewed at',
      layerConfidence: '{{layer}}: confidence',
      layerThreats: '{{layer}}: threat ids',
    },
    registerPage: {
      title: 'Register an agent',
      subtitle: 'Add an AI agent and its AIVSS assessment to the catalog',
      forbidden: {
        title: 'You may not register agents',
        description:
          'Registering needs the agent-risk.agent.create permission; ask your Backstage admins.',
      },
      prefill: {
        title: 'Prefill from a document or agent card',
        paste:
          'Paste a threat-model document, a directory page or an A2A agent card (JSON)',
        upload: 'Upload a document or agent card',
        button: 'Prefill',
        url: 'Or the URL of an A2A agent card or document',
        urlHelp:
          'The backend reads it; only the hosts of agentRisk.fetch.allow are allowed',
        fetch: 'Fetch and prefill',
        fetching: 'Fetching…',
        fetchFailed: 'Could not read the URL: {{message}}',
        fetchForbidden:
          'Fetching needs the agent-risk.agent.create permission.',
        prefilled: 'Prefilled from the {{format}}.',
        renamed:
          'An agent named {{taken}} already exists: the name is {{name}} instead.',
        hostNotAllowed:
          'The backend may not read from {{host}}. Ask your Backstage admins to add it to agentRisk.fetch.allow in the app-config, or paste the document instead.',
        problems: 'Not imported. The document has these problems:',
      },
      agent: {
        title: 'The agent',
        name: 'Name',
        displayTitle: 'Title',
        description: 'Description',
        owner: 'Owner',
        system: 'System (optional)',
        lifecycle: 'Lifecycle',
        tools: 'Tools (MCP servers it depends on)',
        catalogFailed: 'Could not load the catalog’s entities: {{message}}',
      },
      picker: {
        noOptions: 'No matching entities',
        loading: 'Loading…',
        open: 'Open',
        close: 'Close',
        clear: 'Clear',
      },
      score: {
        title: 'AIVSS score',
        scored: '{{score}} {{severity}}',
        incomplete: 'Incomplete',
        invalid: 'Invalid',
        notAssessed: 'Not assessed',
        model: 'Model {{model}}; updates as you type.',
      },
      factors: {
        title: 'Agentic factors (0 to 1)',
        rubric: '0: {{none}} 0.5: {{partial}} 1: {{full}}',
      },
      cvss: {
        title: 'CVSS, threat and mitigation',
        base: 'CVSS 4.0 base score',
        baseHint: '0 to 10',
        vector: 'or a CVSS 4.0 vector',
        vectorHint: 'paste it, or build it below',
        vectorScore: 'This vector’s base score: {{score}}',
        showBuilder: 'Build the vector',
        hideBuilder: 'Hide the vector builder',
        builderTitle: 'CVSS 4.0 base metrics',
        notSet: 'Not set',
        threat: 'Threat multiplier',
        threatHint: 'attacked, poc, unreported, or 0.5 to 1.5',
        mitigation: 'Mitigation factor',
        mitigationHint:
          'none, weak, partial, strong, adversarial-tested, or 0.5 to 1.0',
        metrics: {
          AV: 'Attack vector',
          AC: 'Attack complexity',
          AT: 'Attack requirements',
          PR: 'Privileges required',
          UI: 'User interaction',
          VC: 'Confidentiality (vulnerable system)',
          VI: 'Integrity (vulnerable system)',
          VA: 'Availability (vulnerable system)',
          SC: 'Confidentiality (subsequent systems)',
          SI: 'Integrity (subsequent systems)',
          SA: 'Availability (subsequent systems)',
        },
        values: {
          network: 'Network',
          adjacent: 'Adjacent',
          local: 'Local',
          physical: 'Physical',
          none: 'None',
          low: 'Low',
          high: 'High',
          present: 'Present',
          passive: 'Passive',
          active: 'Active',
        },
      },
      maestro: {
        title: 'MAESTRO layers',
        confidence: 'Confidence',
        notAssessed: 'not assessed',
        mapped: 'mapped',
        uncertain: 'uncertain',
        threats: 'Threat ids',
        threatOption: '{{id}} {{name}}',
      },
      ssvc: {
        title: 'AIVSS-SSVC decision (optional)',
        intro:
          'OWASP’s decision model: rate what the agent can do, how exposed it is and how much harm it could do, and get an outcome with a deadline. Leave the whole section empty to skip it; it is independent of the AIVSS score.',
        ariaLabel: 'Live SSVC decision',
        resultTitle: 'SSVC decision',
        notAssessed:
          'Not assessed (optional). Fill in this section to get an outcome and a due date.',
        outcome: '{{outcome}}: {{meaning}}',
        dueIfSaved: 'Due {{date}} if saved today',
        stillNeeded: 'Still needed: {{fields}}',
        toFix: 'To fix: {{fields}}',
      },
      submit: {
        title: 'Submit',
        reason: 'Reason (kept in the audit trail)',
        button: 'Register agent',
        problems: 'To fix first: {{fields}}',
        forbidden: 'Disabled: you do not have agent-risk.agent.create.',
        reasonRequired: 'Say why, for the audit trail',
        nameTaken:
          'An agent named {{name}} already exists: choose another name',
      },
      progress: {
        waiting: 'Registered. Waiting for the catalog…',
        seconds: '{{seconds}} s',
        slow: 'The agent is saved. The catalog usually shows it within seconds and is slower now; this page opens the agent as soon as it arrives. Meanwhile:',
        gaveUp:
          'The agent is saved, but the catalog has not shown it yet. If it does not appear in a few minutes, ask your Backstage admins to look at the catalog’s processing.',
        openAgent: 'its Risk tab',
        openRanking: 'the ranking',
      },
    },
    deleteAgent: {
      button: 'Delete agent',
      title: 'Delete {{name}}?',
      explain:
        'It leaves the catalog and the ranking within seconds. Its audit trail and score history are kept; registering the name again starts a new agent.',
      reason: 'Reason (kept in the audit trail)',
      cancel: 'Cancel',
      confirm: 'Delete',
      deleting: 'Deleting…',
      deleted: '{{name}} was deleted.',
    },
    saveAssessment: {
      blockLabel: 'Annotation block to put into the entity',
      yamlIntro:
        'This agent is defined in its source (YAML). To make these inputs its assessment, put this block into its entity.',
      openSource: 'Open the source',
      reason: 'Reason for the change (required)',
      button: 'Save as the assessment',
      saved: 'Saved as the assessment; the catalog shows it in seconds.',
      forbidden:
        'You may not change this agent: only its owners and the security team may (agent-risk.agent.update).',
    },
    discovery: {
      mcpServers: {
        title: 'MCP servers',
        subheader:
          'The tool inventory: every MCP server API entity, listed on a schedule',
        lastRun:
          'Last run {{at}}: {{servers}} servers, {{failed}} failed or not allowed.',
        neverRun: 'The inventory has not run yet.',
        empty:
          'No MCP server has been looked at yet. MCP servers are API entities of type mcp-server with an endpoint.',
        columns: {
          server: 'Server',
          endpoint: 'Endpoint',
          outcome: 'Outcome',
          tools: 'Tools',
          listedAt: 'Listed',
          error: 'Problem',
        },
        outcome: {
          listed: 'Listed',
          failed: 'Failed',
          'not-allowed': 'Not allowed',
          'no-endpoint': 'No endpoint',
        },
        noEndpoint: 'none known',
      },
      title: 'Discovery',
      subtitle: 'Agents and tools found without anyone registering them',
      open: 'Discovery',
      back: 'Back to the ranking',
      sourcesTitle: 'Agent-card sources',
      sourcesAriaLabel: 'Agent-card sources',
      empty:
        'No agent-card sources yet: name some under agentRisk.discovery.agentCards.sources, or annotate an entity with agent-risk.io/agent-card-url.',
      columns: {
        source: 'Card',
        from: 'From',
        agent: 'Agent',
        lastRun: 'Last run',
        outcome: 'Outcome',
        cards: 'Cards found',
        signature: 'Signature',
        errors: 'What went wrong',
      },
      kind: {
        source: 'Configured source',
        annotation: 'Entity annotation',
      },
      outcome: {
        ok: 'Read',
        failed: 'Failed',
        'not-allowed': 'Not allowed (not contacted)',
        'never-run': 'Not run yet',
      },
      unreachableSince: 'Unreachable since {{since}}; last seen {{seen}}',
      never: 'Never',
      none: '—',
    },
    discoveredCard: {
      title: 'Discovered from an agent card',
      from: 'Card:',
      unreachable:
        'The card cannot be read since {{since}} (last seen {{seen}}); the agent is kept.',
      skills_one: '{{count}} skill',
      skills_other: '{{count}} skills',
      skillsAriaLabel: 'Skills the card declares',
    },
    auditTrail: {
      title: 'Audit trail',
      ariaLabel: 'Audit trail',
      empty: 'No changes recorded yet.',
      yamlAgent:
        'This agent is defined in its source (YAML): its changes are in that history, not here.',
      noFieldChanged: 'No field changed',
      none: '(none)',
      older: 'Older entries',
      columns: {
        when: 'When',
        who: 'Who',
        action: 'Action',
        reason: 'Reason',
        changes: 'Changes',
      },
      actions: {
        create: 'Created',
        update: 'Updated',
        delete: 'Deleted',
        'accept-request': 'Asked to accept the risk',
        'accept-approve': 'Approved the risk acceptance',
        'accept-revoke': 'Revoked the risk acceptance',
        'accept-end': 'Risk acceptance ended',
        'tool-change': 'Tools of an MCP server changed',
      },
    },
    riskCard: {
      title: 'Agent risk (AIVSS)',
      deepLink: 'View risk details',
      noAssessment:
        'No risk assessment yet. The Risk tab shows which annotations to add.',
      forbidden: 'You are not allowed to see risk data.',
      sessionExpired:
        'Your session has expired: reload the page to sign in again.',
      noRecord: 'No risk record',
      statusWithProblems_one: '{{status}} ({{count}} problem)',
      statusWithProblems_other: '{{status}} ({{count}} problems)',
      cvssAssumed: 'CVSS base assumed by org policy',
      topFactors: 'Top contributing factors',
      madeOf: 'What the score is made of',
      topFactorsOfUplift:
        'Largest agentic factors (parts of the {{uplift}} agentic uplift)',
      factorPoints: '+{{points}} points (value {{value}})',
    },
    trends: {
      title: 'Risk over time',
      subheader:
        'Scored agents per band at the end of each day (counts, not stacked), up to the last {{days}} days',
      groupHeading: 'Last {{days}} days',
      noHistory: 'No history yet: the trend starts with the first sync.',
      startsToday:
        'History starts today: {{counts}}. The chart follows from tomorrow.',
      bandCount: '{{agents}} {{severity}}',
      change: '{{critical}}, {{high}} than on {{since}}.',
      more: '{{count}} more {{severity}}',
      fewer: '{{count}} fewer {{severity}}',
      same: 'no change in {{severity}}',
    },
    ssvc: {
      outcome: {
        defer: 'Defer',
        scheduled: 'Scheduled',
        outOfCycle: 'Out-of-cycle',
        immediate: 'Immediate',
      },
      outcomeMeaning: {
        defer: 'No deadline: revisit at the next review',
        scheduled: 'Act within {{days}} days, in the normal cycle',
        outOfCycle: 'Act within {{days}} days, ahead of the normal cycle',
        immediate: 'Act within {{days}} days',
      },
      noOutcome: 'No SSVC decision',
      category: {
        A: 'A. Execution power',
        B: 'B. Environment and adaptation',
        C: 'C. Predictability and influence',
      },
      threat: 'Threat: is it being exploited?',
      vulnerability: 'Vulnerability posture: how well is it defended?',
      impact: 'Impact: how bad if it goes wrong?',
      agentClass: 'Agent class',
      exposure: 'Exposure',
      likelihood: 'Likelihood',
      riskScore: 'Risk score',
      categoryAverages: 'Category averages',
      categoryAverage: '{{category}}: {{average}}',
      due: 'Due {{date}}',
      overdue: 'Overdue since {{date}}',
      overdueShort: 'overdue',
      noDue: 'No deadline',
      assessedAt: 'Assessed {{date}}',
      levelOption: '{{label}}: {{meaning}}',
      ratingOption: '{{rating}}: {{meaning}}',
      rubric: '1: {{low}} 3: {{mid}} 5: {{high}}',
      notSet: 'Not set',
      status: {
        incomplete: 'Incomplete: some SSVC inputs are missing',
        invalid: 'Invalid: some SSVC inputs are malformed',
      },
    },
    review: {
      never: 'Never reviewed',
      overdue: 'Review overdue since {{due}}',
      due: 'Reviewed {{reviewedAt}}; next review due {{due}}',
      annotationHint:
        ' (set the agent-risk.io/reviewed-at annotation to the date of the last review)',
    },
    scoreExplanation: {
      title: 'What makes up the score, and what lowers it',
      parts:
        '{{score}} = CVSS base {{cvssBase}} {{uplift}} agentic uplift {{mitigation}} mitigation effect',
      leversLabel: 'Changes that lower the score most',
      lever: '{{label}}: {{from}} → {{to}}',
      noLevers:
        'No change to the mitigation or the agentic factors lowers this score; only a lower CVSS base would.',
      mitigationLever: '{{level}} mitigation',
      factorLever: '{{factor}} at 0',
      allFactorsLever: 'every factor at 0',
    },
    threatNotes: {
      title: 'How to mitigate the named threats',
    },
    groupCard: {
      title: 'Agent risk',
      subheader: 'Agents owned by this group and its sub-teams, by AIVSS score',
      deepLink: 'Open in the agent risk ranking',
      empty: 'This group, its sub-teams and their members own no agents.',
      owned_one:
        '{{count}} agent owned by this group, its sub-teams and their members',
      owned_other:
        '{{count}} agents owned by this group, its sub-teams and their members',
      riskiestShown: '; the {{shown}} riskiest are shown',
      scrollLabel: 'Agents owned by this group',
      columns: {
        agent: 'Agent',
        score: 'AIVSS',
        severity: 'Severity',
        status: 'Status',
      },
    },
    reach: {
      title: 'What this agent can act on',
      subheader:
        'Through its dependsOn and consumesApi relations, the components providing its APIs, and their systems',
      notComputed:
        'Not computed yet: the next sync works out what this agent can reach.',
      empty:
        'This agent reaches nothing in the catalog: it declares no dependsOn or consumesApi relations.',
      summary_one:
        '{{count}} entity reached: {{production}} in production; other agents reached: {{agents}}.',
      summary_other:
        '{{count}} entities reached: {{production}} in production; other agents reached: {{agents}}.',
      hidden_one: 'And {{count}} entity you cannot see.',
      hidden_other: 'And {{count}} entities you cannot see.',
      onlyHidden_one: 'It reaches {{count}} entity you cannot see.',
      onlyHidden_other: 'It reaches {{count}} entities you cannot see.',
      bySystem: 'By system',
      noSystem: 'In no system',
      production: 'production',
      agent: 'agent',
      graphLabel: 'Graph of what {{agent}} can reach',
      path: 'Path: {{path}}',
      toolsMayWrite_one: '{{count}} tool may write',
      toolsMayWrite_other: '{{count}} tools may write',
      toolsMayDestroy_one: '{{count}} may destroy',
      toolsMayDestroy_other: '{{count}} may destroy',
    },
    reachedBy: {
      title: 'Agents that can act on this',
      headline_one:
        '{{count}} agent can act on this; the riskiest is {{agent}}, {{score}}.',
      headline_other:
        '{{count}} agents can act on this; the riskiest is {{agent}}, {{score}}.',
      empty: 'No agent can act on this through the catalog relations.',
      hidden_one:
        '{{count}} more agent reaches this through an entity you cannot see.',
      hidden_other:
        '{{count}} more agents reach this through entities you cannot see.',
      more_one: 'And {{count}} more agent.',
      more_other: 'And {{count}} more agents.',
      agentColumn: 'Agent',
      riskColumn: 'Risk',
      pathColumn: 'Path',
    },
    exposure: {
      title: 'Systems Critical and High agents can act on',
      subheader:
        'Through the agents’ catalog relations; each system’s page lists the agents and their paths',
      empty: 'No Critical or High agent reaches a system.',
      systemColumn: 'System',
      criticalColumn: 'Critical agents',
      highColumn: 'High agents',
    },
    acceptance: {
      title: 'Risk acceptance',
      none: 'Nobody has asked to accept this agent’s risk.',
      accepted: 'Accepted until {{until}} by {{approvedBy}}',
      pending:
        'Waiting for approval: asked by {{requestedBy}}, to run until {{until}}',
      ended: {
        expired: 'Expired {{at}}: {{reason}}',
        revoked: 'Revoked {{at}}: {{reason}}',
      },
      justificationShown: 'Justification: {{justification}}',
      justification: 'Why accept this risk? (required)',
      expiresAt: 'Until',
      request: 'Ask to accept the risk',
      requested: 'Asked. An approver can now approve it.',
      approve: 'Approve',
      approved: 'Approved.',
      revokeReason: 'Reason (required)',
      withdraw: 'Withdraw the request',
      revoke: 'Revoke',
      revoked: 'Done; the record is kept.',
      needsScore:
        'Only a scored agent’s risk can be accepted: complete its assessment first.',
      mayNotRequest:
        'You may not ask for this agent: only its owners may (agent-risk.acceptance.request).',
      mayNotApprove:
        'You may not approve: approvers need agent-risk.acceptance.approve.',
      ownRequest:
        'You asked for this acceptance, so someone else must approve it.',
      chip: 'Accepted until {{until}} by {{approvedBy}}',
      chipPending: 'Acceptance pending',
    },
    mcpTools: {
      serverTitle: 'Tools of {{server}}',
      listedAt: 'Listed {{at}}',
      notListed: 'Not listed yet.',
      lastError:
        'The last listing did not work: {{error}}. The tools shown are from the last one that did.',
      neverListedError: 'Not listed: {{error}}',
      fromDefinition:
        'Tools as its YAML definition names them; the server was not listed.',
      fromDefinitionError:
        'Tools as its YAML definition names them; the server was not listed: {{error}}',
      noTools: 'This server lists no tools.',
      columns: {
        tool: 'Tool',
        effect: 'What it may do',
        description: 'Description (from the server, not checked)',
        change: 'Since the last review',
      },
      mayDestroy: 'May destroy',
      mayWrite: 'May write',
      readOnly: 'Read-only',
      changed: 'Changed {{at}}',
      appeared: 'New {{at}}',
      unchanged: 'Unchanged',
      summary_one:
        '{{count}} tool; {{writes}} may write, {{destroys}} may destroy',
      summary_other:
        '{{count}} tools; {{writes}} may write, {{destroys}} may destroy',
      cardTitle: 'MCP tools',
      cardSubheader: 'What this MCP server lists, as Agent Risk last saw it',
      notMcpServer: 'This entity is not an MCP server known to Agent Risk.',
      usedBy: 'Agents that use it',
      usedByNone: 'No agent declares that it depends on this server.',
    },
  },
});
