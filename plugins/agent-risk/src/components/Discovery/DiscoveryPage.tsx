import Grid from '@material-ui/core/Grid';
import { Content, Header, LinkButton, Page } from '@backstage/core-components';
import { useRiskLabels } from '../shared/useRiskLabels';
import { DiscoverySources } from './DiscoverySources';
import { McpServersSection } from './McpServersSection';

/**
 * What discovery found nobody registered (spec section 8): the agent-card
 * sources and the MCP servers of the tool inventory.
 */
export function DiscoveryPage() {
  const { t } = useRiskLabels();
  return (
    <Page themeId="tool">
      <Header title={t('discovery.title')} subtitle={t('discovery.subtitle')}>
        <Grid item>
          {/* Relative: this page lives at /discovery under the ranking. */}
          <LinkButton to=".." variant="contained" color="default">
            {t('discovery.back')}
          </LinkButton>
        </Grid>
      </Header>
      <Content>
        {/* The plugin's own content; the e2e scopes its accessibility checks by this id. */}
        <Grid container spacing={3} data-testid="agent-risk-discovery-page">
          <Grid item xs={12}>
            <DiscoverySources />
          </Grid>
          <Grid item xs={12}>
            <McpServersSection />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
