import { useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { AgentReach } from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { entityName, kindWord } from './entityLabels';

type ReachNodeData = {
  label: string;
  detail: string;
  /** What the server's tools may do, in words; empty for other entities. */
  tools: string;
  production: boolean;
  /** Some tool of this MCP server may destroy. */
  destroys: boolean;
  root: boolean;
};

const useStyles = makeStyles(theme => ({
  graph: {
    width: '100%',
    maxHeight: 480,
    overflow: 'hidden',
  },
  box: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.secondary,
    strokeWidth: 1,
  },
  root: {
    fill: theme.palette.primary.main,
    stroke: theme.palette.primary.dark,
  },
  production: {
    // Production is also said in words; the thick red border only repeats it.
    stroke: theme.palette.error.main,
    strokeWidth: 3,
  },
  label: {
    fill: theme.palette.text.primary,
    fontSize: 14,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  rootLabel: { fill: theme.palette.primary.contrastText },
  detail: { fill: theme.palette.text.secondary, fontSize: 12 },
  tools: { fill: theme.palette.error.dark, fontSize: 12 },
}));

/** "2 tools may write · 1 may destroy": what an MCP server's tools may do. */
export function toolMarkWords(
  marks: { write: number; destroy: number },
  t: ReturnType<typeof useRiskLabels>['t'],
): string {
  return [
    marks.write > 0 ? t('reach.toolsMayWrite', { count: marks.write }) : null,
    marks.destroy > 0
      ? t('reach.toolsMayDestroy', { count: marks.destroy })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

const CHAR_WIDTH = 8;
const PADDING = 12;

function ReachNode(props: {
  node: DependencyGraphTypes.DependencyNode<ReachNodeData>;
}) {
  const classes = useStyles();
  const { label, detail, tools, production, destroys, root } = props.node;
  const width =
    Math.max(label.length, detail.length, tools.length) * CHAR_WIDTH +
    2 * PADDING;
  const height = tools ? 66 : 48;
  let toolsMark: 'destroy' | 'write' | undefined;
  if (tools) {
    toolsMark = destroys ? 'destroy' : 'write';
  }
  const boxClass = [
    classes.box,
    root ? classes.root : '',
    production ? classes.production : '',
  ].join(' ');
  return (
    <g
      data-production={production ? 'true' : 'false'}
      data-tools={toolsMark}
    >
      <rect className={boxClass} width={width} height={height} rx={6} />
      <text
        className={`${classes.label} ${root ? classes.rootLabel : ''}`}
        x={PADDING}
        y={20}
      >
        {label}
      </text>
      <text
        className={`${classes.detail} ${root ? classes.rootLabel : ''}`}
        x={PADDING}
        y={38}
      >
        {detail}
      </text>
      {tools && (
        <text className={classes.tools} x={PADDING} y={56}>
          {tools}
        </text>
      )}
    </g>
  );
}

/**
 * The agent's reach drawn as the catalog's relations graph is, with
 * Backstage's own DependencyGraph: one edge per step of each entity's
 * shortest path, production entities with a thick border and the word, and
 * on each MCP server how many of its tools may write or destroy.
 */
export function ReachGraph(props: {
  agentRef: string;
  agentTitle: string;
  reach: AgentReach;
  /** What each MCP server's tools may do, by lower-case server ref. */
  toolMarks?: Map<string, { write: number; destroy: number }>;
}) {
  const classes = useStyles();
  const { t } = useRiskLabels();
  const { agentRef, agentTitle, reach, toolMarks } = props;
  const { nodes, edges } = useMemo(() => {
    const production = new Set(reach.production);
    const agents = new Set(reach.agents);
    const toolWords = (ref: string) => {
      const marks = toolMarks?.get(ref.toLocaleLowerCase('en-US'));
      return marks ? toolMarkWords(marks, t) : '';
    };
    const graphNodes: Array<
      DependencyGraphTypes.DependencyNode<ReachNodeData>
    > = [
      {
        id: agentRef,
        label: agentTitle,
        detail: t('reach.agent'),
        tools: '',
        production: false,
        destroys: false,
        root: true,
      },
      ...reach.entities.map(e => ({
        id: e.entityRef,
        label: entityName(e.entityRef),
        detail: [
          agents.has(e.entityRef) ? t('reach.agent') : kindWord(e.kind),
          production.has(e.entityRef) ? t('reach.production') : null,
        ]
          .filter(Boolean)
          .join(' · '),
        tools: toolWords(e.entityRef),
        production: production.has(e.entityRef),
        destroys:
          (toolMarks?.get(e.entityRef.toLocaleLowerCase('en-US'))?.destroy ??
            0) > 0,
        root: false,
      })),
    ];
    const graphEdges = reach.entities.map(e => ({
      from: e.path.length > 1 ? e.path[e.path.length - 2] : agentRef,
      to: e.entityRef,
    }));
    return { nodes: graphNodes, edges: graphEdges };
  }, [agentRef, agentTitle, reach, toolMarks, t]);
  return (
    // A figure, not an img: DependencyGraph's zoom makes the drawing
    // focusable, and an img may hold nothing focusable (axe nested-interactive).
    // The same entities follow in words below it.
    <div
      className={classes.graph}
      role="figure"
      aria-label={t('reach.graphLabel', { agent: agentTitle })}
    >
      <DependencyGraph
        nodes={nodes}
        edges={edges}
        renderNode={ReachNode}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        paddingX={24}
        paddingY={24}
        fit="contain"
        zoom="enable-on-click"
        showArrowHeads
      />
    </div>
  );
}
