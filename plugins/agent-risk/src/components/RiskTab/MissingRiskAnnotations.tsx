import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState, InfoCard } from '@backstage/core-components';
import { useRiskLabels } from '../shared/useRiskLabels';
import { buildAnnotationExample } from './annotationExample';

/** Shown for an agent that carries no risk annotations yet: teaches what to add. */
export function MissingRiskAnnotations() {
  const { t } = useRiskLabels();
  return (
    <div data-testid="agent-risk-tab">
      <EmptyState
        missing="field"
        title={t('riskTab.missing.title')}
        description={t('riskTab.missing.description')}
        action={
          <Typography variant="body1">{t('riskTab.missing.action')}</Typography>
        }
      />
      {/* Full width below the empty state (beside its picture the block was
          clipped), clear of that picture, which reaches below its box.
          Narrow screens scroll the block sideways. */}
      <Box mt={6}>
        <InfoCard title={t('riskTab.missing.snippetTitle')}>
          <Box maxWidth="100%" overflow="auto" data-testid="annotation-example">
            <CodeSnippet
              text={buildAnnotationExample()}
              language="yaml"
              showLineNumbers
              showCopyCodeButton
            />
          </Box>
        </InfoCard>
      </Box>
    </div>
  );
}
