import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { cvss4BaseScore } from '@agent-risk/plugin-agent-risk-common';
import { formatScore } from '../shared/format';
import { useRiskLabels } from '../shared/useRiskLabels';
import { CvssVectorBuilder } from './CvssVectorBuilder';
import { FormCardProps, problemProps } from './formCardProps';
import { CVSS_FIELDS } from './registerForm';

/** CVSS base or a CVSS 4.0 vector (pasted or built), threat and mitigation. */
export function CvssCard(props: Omit<FormCardProps, 'onChange'>) {
  const { form, onAnnotation, problems } = props;
  const { t } = useRiskLabels();
  const [building, setBuilding] = useState(false);
  const vector = form.annotations[CVSS_FIELDS.vector] ?? '';
  const vectorScore = vector.trim() ? cvss4BaseScore(vector) : undefined;
  // Short labels with the accepted values below: long labels wrap over the
  // input on a phone.
  const field = (key: string, id: string, label: string, hint?: string) => (
    <TextField
      id={id}
      label={label}
      margin="dense"
      fullWidth
      value={form.annotations[key] ?? ''}
      onChange={e => onAnnotation(key, e.target.value)}
      helperText={hint}
      {...problemProps(problems, key)}
    />
  );
  return (
    <InfoCard title={t('registerPage.cvss.title')}>
      {field(
        CVSS_FIELDS.base,
        'register-cvss-base',
        t('registerPage.cvss.base'),
        t('registerPage.cvss.baseHint'),
      )}
      {field(
        CVSS_FIELDS.vector,
        'register-cvss-vector',
        t('registerPage.cvss.vector'),
        t('registerPage.cvss.vectorHint'),
      )}
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <Button
          size="small"
          aria-expanded={building}
          aria-controls="register-cvss-builder"
          onClick={() => setBuilding(!building)}
        >
          {building
            ? t('registerPage.cvss.hideBuilder')
            : t('registerPage.cvss.showBuilder')}
        </Button>
        {vectorScore?.ok && (
          <Typography
            variant="body2"
            role="status"
            data-testid="agent-risk-register-vector-score"
          >
            {t('registerPage.cvss.vectorScore', {
              score: formatScore(vectorScore.baseScore),
            })}
          </Typography>
        )}
      </Box>
      {building && (
        <Box
          id="register-cvss-builder"
          role="group"
          aria-label={t('registerPage.cvss.builderTitle')}
        >
          <CvssVectorBuilder
            vector={vector}
            onChange={value => onAnnotation(CVSS_FIELDS.vector, value)}
          />
        </Box>
      )}
      {field(
        CVSS_FIELDS.threat,
        'register-threat-multiplier',
        t('registerPage.cvss.threat'),
        t('registerPage.cvss.threatHint'),
      )}
      {field(
        CVSS_FIELDS.mitigation,
        'register-mitigation-factor',
        t('registerPage.cvss.mitigation'),
        t('registerPage.cvss.mitigationHint'),
      )}
    </InfoCard>
  );
}
