import { makeStyles, Theme, Grid, Paper } from '@material-ui/core';
import SecurityIcon from '@material-ui/icons/Security';
import { CatalogIcon, Content, Header, Page } from '@backstage/core-components';
import { CatalogSearchResultListItem } from '@backstage/plugin-catalog';
import { SearchType } from '@backstage/plugin-search';
import {
  SearchBar,
  SearchFilter,
  SearchPagination,
  SearchResult,
  useSearch,
} from '@backstage/plugin-search-react';
import { AgentRiskSearchResultListItem } from '@agent-risk/plugin-agent-risk';

const useStyles = makeStyles((theme: Theme) => ({
  bar: { padding: theme.spacing(1, 0) },
  filters: { padding: theme.spacing(2), marginTop: theme.spacing(2) },
}));

/**
 * The search page: catalog entities and agents (with their risk). Agents are
 * found by name, description, a threat id of their MAESTRO layers (ASI02)
 * or an MCP tool they use (push_files).
 */
const SearchPage = () => {
  const classes = useStyles();
  const { types } = useSearch();

  return (
    <Page themeId="home">
      <Header title="Search" />
      <Content>
        <Grid container direction="row">
          <Grid item xs={12}>
            <Paper className={classes.bar}>
              <SearchBar />
            </Paper>
          </Grid>
          <Grid item xs={12} md={3}>
            <SearchType.Accordion
              name="Result type"
              defaultValue=""
              types={[
                {
                  value: 'software-catalog',
                  name: 'Software catalog',
                  icon: <CatalogIcon />,
                },
                {
                  value: 'agent-risk',
                  name: 'AI agents and their risk',
                  icon: <SecurityIcon />,
                },
              ]}
            />
            {types.includes('software-catalog') && (
              <Paper className={classes.filters}>
                <SearchFilter.Select
                  label="Kind"
                  name="kind"
                  values={['Component', 'AiResource', 'API', 'System', 'Group']}
                />
                <SearchFilter.Checkbox
                  label="Lifecycle"
                  name="lifecycle"
                  values={['experimental', 'production']}
                />
              </Paper>
            )}
          </Grid>
          <Grid item xs={12} md={9}>
            <SearchPagination />
            <SearchResult>
              <CatalogSearchResultListItem icon={<CatalogIcon />} />
              <AgentRiskSearchResultListItem icon={<SecurityIcon />} />
            </SearchResult>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};

export const searchPage = <SearchPage />;
