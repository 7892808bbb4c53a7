import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
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
          <>
            <Typography variant="body1">
              Add to <code>catalog-info.yaml</code>:
            </Typography>
            {/* The whole block, scrolling sideways on narrow screens rather than clipped. */}
            <Box
              maxWidth="100%"
              overflow="auto"
              data-testid="annotation-example"
            >
              <CodeSnippet
                text={buildAnnotationExample()}
                language="yaml"
                showLineNumbers
                showCopyCodeButton
              />
            </Box>
          </>
        }
      />
    </div>
  );
}
