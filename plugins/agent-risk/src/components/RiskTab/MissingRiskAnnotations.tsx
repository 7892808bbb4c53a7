import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState, InfoCard } from '@backstage/core-components';
import { buildAnnotationExample } from './annotationExample';

/** Shown for an agent that carries no risk annotations yet: teaches what to add. */
export function MissingRiskAnnotations() {
  return (
    <div data-testid="agent-risk-tab">
      <EmptyState
        missing="field"
        title="No risk assessment for this agent yet"
        description="Add the OWASP AIVSS and CSA MAESTRO annotations to this entity's catalog-info.yaml. All values are strings: quote the numbers."
        action={
          <Typography variant="body1">
            The complete block is below; copy it and replace the example values.
          </Typography>
        }
      />
      {/* Full width below the empty state (beside its picture the block was
          clipped), clear of that picture, which reaches below its box.
          Narrow screens scroll the block sideways. */}
      <Box mt={6}>
        <InfoCard title="Add to catalog-info.yaml">
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
