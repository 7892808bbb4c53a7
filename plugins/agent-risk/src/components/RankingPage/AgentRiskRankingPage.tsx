import { AgentListOrderField } from '@agent-risk/plugin-agent-risk-common';
import { useCallback, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  Header,
  InfoCard,
  LinkButton,
  Page,
  Progress,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { agentRiskApiRef, AgentListRequest } from '../../api';
import { isForbidden, isUnauthenticated } from '../shared/errors';
import { RiskTrendCard } from '../Trends';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { ActiveFilterChips } from './ActiveFilterChips';
import { AgentRankingTable } from './AgentRankingTable';
import { ExportMenu } from './ExportMenu';
import { OwnerRollupTable } from './OwnerRollupTable';
import { ExposureCard } from '../Reach';
import { RankingFilters } from './RankingFilters';
import { RegisterAgentButton } from './RegisterAgentButton';
import { LeadershipLine } from './LeadershipLine';
import { DEFAULT_ORDER, RankingQuery } from './rankingQuery';
import { ScoreHistogram } from './ScoreHistogram';
import { SeveritySummary } from './SeveritySummary';
import { SsvcSummary } from './SsvcSummary';
import { PagePosition, useCursorPaging } from './useCursorPaging';
import { useOwnerOptions } from './useOwnerOptions';
import { useRankingQuery } from './useRankingQuery';
import { useRiskLabels } from '../shared/useRiskLabels';

/** The server request for a view, minus the cursor. */
function toRequest(
  query: RankingQuery,
  myRefs: string[] | undefined,
): AgentListRequest {
  return {
    owner: query.mine ? myRefs ?? [] : query.owner,
    severity: query.severity,
    status: query.status,
    system: query.system,
    lifecycle: query.lifecycle,
    acceptance: query.acceptance,
    ssvcOutcome: query.ssvcOutcome,
    q: query.q,
    reviewOverdue: query.reviewOverdue,
    understated: query.understated,
    discovered: query.discovered,
    assessed: query.assessed,
    orderBy: query.orderBy,
    order: query.order,
    limit: query.limit,
  };
}

/**
 * The org-wide ranking of agents. Everything heavy (filtering, sorting,
 * paging, roll-ups) runs in the backend, so the page stays fast with
 * 100 000 agents: it only ever loads one page and the summary.
 */
export function AgentRiskRankingPage() {
  const api = useApi(agentRiskApiRef);
  const identityApi = useApi(identityApiRef);
  const [query, updateQuery] = useRankingQuery();
  const { t } = useRiskLabels();

  // Owner choices come from every agent, so picking one owner keeps the others.
  const allOwners = useAsync(() => api.getSummary(), [api]);
  const identity = useAsync(
    async () =>
      query.mine
        ? (await identityApi.getBackstageIdentity()).ownershipEntityRefs
        : undefined,
    [identityApi, query.mine],
  );

  // "Owned by me" waits for the caller's ownership refs before asking the server.
  const waitingForIdentity = Boolean(query.mine) && identity.loading;

  const request = useMemo(
    () => toRequest(query, identity.value),
    [query, identity.value],
  );
  const viewKey = JSON.stringify(request);
  const filters = useMemo(() => {
    const { orderBy: _o, order: _d, limit: _l, ...rest } = request;
    return rest;
  }, [request]);
  const filtersKey = JSON.stringify(filters);
  // The cards above the ranking follow its filters.
  const summary = useAsync(async () => {
    if (waitingForIdentity) {
      return undefined;
    }
    return api.getSummary(filters);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filtersKey, waitingForIdentity]);
  const movePage = useCallback(
    (position: PagePosition) => updateQuery(position),
    [updateQuery],
  );
  const paging = useCursorPaging(
    viewKey,
    { page: query.page, cursor: query.cursor },
    movePage,
  );
  const ownerOptions = useOwnerOptions(allOwners.value?.byOwner);

  const page = useAsync(async () => {
    if (waitingForIdentity) {
      return undefined;
    }
    return api.listAgents({ ...request, cursor: paging.cursor });
  }, [api, viewKey, paging.cursor, waitingForIdentity]);

  const onSort = (field: AgentListOrderField) =>
    updateQuery(
      field === query.orderBy
        ? { order: query.order === 'asc' ? 'desc' : 'asc' }
        : { orderBy: field, order: DEFAULT_ORDER[field] },
    );

  // A refusal (403 first, then 401) stands for the whole page, in place of
  // its cards; RiskErrorPanel says which.
  const errors = [summary.error, page.error];
  const refusal = errors.find(isForbidden) ?? errors.find(isUnauthenticated);

  return (
    <Page themeId="tool">
      <Header
        title={t('rankingPage.title')}
        subtitle={t('rankingPage.subtitle')}
      >
        <Grid item>
          {/* Relative: the discovery page lives at /discovery under this page. */}
          <LinkButton to="discovery" variant="outlined" color="default">
            {t('discovery.open')}
          </LinkButton>
        </Grid>
        <RegisterAgentButton />
      </Header>
      <Content>
        {/* The plugin's own content; the e2e scopes its accessibility checks by this id. */}
        <div data-testid="agent-risk-ranking-page">
          {refusal ? (
            <RiskErrorPanel error={refusal} />
          ) : (
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <ActiveFilterChips
                  query={query}
                  ownerOptions={ownerOptions}
                  onChange={updateQuery}
                />
                {summary.loading && <Progress />}
                {summary.error && <RiskErrorPanel error={summary.error} />}
                {summary.value && (
                  <>
                    <Box mb={2}>
                      <LeadershipLine
                        summary={summary.value}
                        filters={filters}
                        ownerOptions={ownerOptions}
                      />
                    </Box>
                    <SeveritySummary summary={summary.value} />
                    <SsvcSummary summary={summary.value} />
                  </>
                )}
              </Grid>
              {!waitingForIdentity && (
                <Grid item xs={12}>
                  <RiskTrendCard filters={filters} />
                </Grid>
              )}
              {summary.value && (
                <>
                  <Grid item xs={12} md={6}>
                    <ScoreHistogram histogram={summary.value.histogram} />
                  </Grid>
                  <Grid item xs={12} md={6}>
                    <OwnerRollupTable owners={summary.value.byOwner} />
                  </Grid>
                  <Grid item xs={12}>
                    <ExposureCard exposure={summary.value.exposure ?? []} />
                  </Grid>
                </>
              )}
              <Grid item xs={12}>
                <InfoCard title={t('rankingPage.rankingCardTitle')} noPadding>
                  <Box p={2}>
                    <Box display="flex" justifyContent="flex-end" mb={2}>
                      <ExportMenu request={request} />
                    </Box>
                    <RankingFilters
                      query={query}
                      ownerOptions={ownerOptions}
                      onChange={updateQuery}
                    />
                  </Box>
                  {(page.loading || waitingForIdentity) && <LinearProgress />}
                  {page.error ? (
                    <RiskErrorPanel error={page.error} />
                  ) : (
                    <AgentRankingTable
                      items={page.value?.items ?? []}
                      totalCount={page.value?.totalCount}
                      hasNext={Boolean(page.value?.nextCursor)}
                      pageIndex={paging.pageIndex}
                      pageSize={query.limit}
                      orderBy={query.orderBy}
                      order={query.order}
                      loading={page.loading}
                      onSort={onSort}
                      onNext={() =>
                        page.value?.nextCursor &&
                        paging.next(page.value.nextCursor)
                      }
                      onPrevious={paging.previous}
                      onPageSizeChange={limit => updateQuery({ limit })}
                    />
                  )}
                </InfoCard>
              </Grid>
            </Grid>
          )}
        </div>
      </Content>
    </Page>
  );
}
