import { Fragment } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import DeleteForeverIcon from '@material-ui/icons/DeleteForever';
import EditIcon from '@material-ui/icons/Edit';
import VisibilityIcon from '@material-ui/icons/Visibility';
import NewReleasesIcon from '@material-ui/icons/NewReleases';
import { InventoryTool } from '@agent-risk/plugin-agent-risk-common';
import { formatDateTime } from '../shared/format';
import { ScrollableTable } from '../shared/ScrollableTable';
import { useRiskLabels } from '../shared/useRiskLabels';

/** Longest description shown; the server's text, rendered as plain text. */
const DESCRIPTION_SHOWN = 300;

/** What a tool may do, in words and an icon (not colour only). */
export function ToolEffect(props: { tool: InventoryTool }) {
  const { t } = useRiskLabels();
  const { tool } = props;
  let icon;
  let label;
  if (tool.mayDestroy) {
    icon = <DeleteForeverIcon fontSize="small" color="error" aria-hidden />;
    label = t('mcpTools.mayDestroy');
  } else if (tool.mayWrite) {
    icon = <EditIcon fontSize="small" aria-hidden />;
    label = t('mcpTools.mayWrite');
  } else {
    icon = <VisibilityIcon fontSize="small" aria-hidden />;
    label = t('mcpTools.readOnly');
  }
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 4, whiteSpace: 'nowrap' }}
    >
      {icon}
      <Typography variant="body2" component="span">
        {label}
      </Typography>
    </Box>
  );
}

/**
 * Whether a tool changed after the last review: appeared or changed after
 * `reviewedAt` (every change counts when the agent was never reviewed).
 */
export function changedSinceReview(
  tool: InventoryTool,
  reviewedAt: string | null | undefined,
): boolean {
  return (
    tool.changedAt !== null && (!reviewedAt || tool.changedAt > reviewedAt)
  );
}

/** The tools of one MCP server as a table. */
export function McpToolList(props: {
  tools: InventoryTool[];
  /** The agent's last review; undefined hides the "since the last review" column. */
  reviewedAt?: string | null;
  label: string;
}) {
  const { t } = useRiskLabels();
  const { tools, reviewedAt } = props;
  const showChanges = reviewedAt !== undefined;
  if (tools.length === 0) {
    return <Typography variant="body2">{t('mcpTools.noTools')}</Typography>;
  }
  const writes = tools.filter(tool => tool.mayWrite).length;
  const destroys = tools.filter(tool => tool.mayDestroy).length;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {t('mcpTools.summary', {
          count: tools.length,
          writes: String(writes),
          destroys: String(destroys),
        })}
      </Typography>
      <ScrollableTable
        label={t('common.scrollableTable', { name: props.label })}
      >
        <Table size="small" aria-label={props.label}>
          <TableHead>
            <TableRow>
              <TableCell>{t('mcpTools.columns.tool')}</TableCell>
              <TableCell>{t('mcpTools.columns.effect')}</TableCell>
              <TableCell>{t('mcpTools.columns.description')}</TableCell>
              {showChanges && (
                <TableCell>{t('mcpTools.columns.change')}</TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {tools.map(tool => {
              const changed =
                showChanges && changedSinceReview(tool, reviewedAt);
              const appeared = changed && tool.changedAt === tool.firstSeenAt;
              const description = tool.description ?? '';
              return (
                <TableRow key={tool.name}>
                  <TableCell>
                    {/* Names break at their underscores, never mid-word. */}
                    <Typography
                      variant="body2"
                      component="span"
                      style={{ wordBreak: 'normal', overflowWrap: 'normal' }}
                    >
                      <code>
                        {tool.name.split('_').map((part, i) => (
                          <Fragment key={i}>
                            {i > 0 && (
                              <>
                                _<wbr />
                              </>
                            )}
                            {part}
                          </Fragment>
                        ))}
                      </code>
                    </Typography>
                    {tool.title && (
                      <Typography variant="caption" display="block">
                        {tool.title}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <ToolEffect tool={tool} />
                  </TableCell>
                  {/* Wide enough to read; a narrow screen scrolls the table. */}
                  <TableCell style={{ minWidth: '16em' }}>
                    <Typography
                      variant="body2"
                      style={{
                        whiteSpace: 'pre-wrap',
                        overflowWrap: 'anywhere',
                      }}
                    >
                      {description.length > DESCRIPTION_SHOWN
                        ? `${description.slice(0, DESCRIPTION_SHOWN)}…`
                        : description}
                    </Typography>
                  </TableCell>
                  {showChanges && (
                    <TableCell
                      style={{ wordBreak: 'normal', overflowWrap: 'normal' }}
                    >
                      {changed ? (
                        <Box
                          display="flex"
                          alignItems="center"
                          style={{ gap: 4 }}
                        >
                          <NewReleasesIcon fontSize="small" aria-hidden />
                          <Typography variant="body2" component="span">
                            {appeared
                              ? t('mcpTools.appeared', {
                                  at: formatDateTime(tool.changedAt!),
                                })
                              : t('mcpTools.changed', {
                                  at: formatDateTime(tool.changedAt!),
                                })}
                          </Typography>
                        </Box>
                      ) : (
                        <Typography variant="body2">
                          {t('mcpTools.unchanged')}
                        </Typography>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </ScrollableTable>
    </>
  );
}

/**
 * Whether a server's tools are those its YAML definition names: the backend
 * sends them only while the server was never listed.
 */
export function toolsFromDefinition(inventory: {
  listedAt: string | null;
  tools: readonly InventoryTool[];
}): boolean {
  return inventory.listedAt === null && inventory.tools.length > 0;
}

/** Whether there are tools to show: a listing (even of none) or a definition's. */
export function hasToolsToShow(inventory: {
  listedAt: string | null;
  tools: readonly InventoryTool[];
}): boolean {
  return inventory.listedAt !== null || inventory.tools.length > 0;
}

/**
 * The listing's time or why it failed, above a server's tools; for a server
 * never listed, whether the tools shown are those its YAML definition names.
 */
export function ListingState(props: {
  inventory: {
    listedAt: string | null;
    error: string | null;
    tools: readonly InventoryTool[];
  };
}) {
  const { t } = useRiskLabels();
  const { listedAt, error } = props.inventory;
  if (listedAt === null) {
    const fromDefinition = toolsFromDefinition(props.inventory);
    return (
      <Typography variant="body2" color="textSecondary">
        {error
          ? t(
              fromDefinition
                ? 'mcpTools.fromDefinitionError'
                : 'mcpTools.neverListedError',
              { error },
            )
          : t(
              fromDefinition ? 'mcpTools.fromDefinition' : 'mcpTools.notListed',
            )}
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="caption" color="textSecondary" display="block">
        {t('mcpTools.listedAt', { at: formatDateTime(listedAt) })}
      </Typography>
      {error && (
        <Typography variant="body2" color="error">
          {t('mcpTools.lastError', { error })}
        </Typography>
      )}
    </>
  );
}
