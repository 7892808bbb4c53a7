import { Entity } from '@backstage/catalog-model';
import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Slider from '@material-ui/core/Slider';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  AGENTIC_FACTORS,
  AgenticFactorId,
  AgentRiskRecord,
  applyEvidence,
  computeScore,
  getAgenticFactor,
  isUnderstatedFinding,
  MITIGATION_FACTOR_KEYWORDS,
  MITIGATION_FACTOR_RANGE,
  SCORING_MODELS,
  THREAT_MULTIPLIER_KEYWORDS,
  THREAT_MULTIPLIER_RANGE,
} from '@agent-risk/plugin-agent-risk-common';
import { formatPoints, formatScore } from '../shared/format';
import { SeverityChip } from '../shared/SeverityChip';
import { useTextStyles } from '../shared/textStyles';
import { useRiskLabels } from '../shared/useRiskLabels';
import { MultiplierInput } from './MultiplierInput';
import { WhatIfBaseline } from './assessment';
import { SaveAssessment } from './SaveAssessment';
import {
  completeFactors,
  initialWhatIfInputs,
  keywordFor,
  parseInRange,
  PartialWhatIfInputs,
} from './whatIfInputs';

interface Draft {
  factors: Partial<Record<AgenticFactorId, number>>;
  cvssText: string;
  threatKeyword: string;
  threatText: string;
  mitigationKeyword: string;
  mitigationText: string;
}

function draftFrom(inputs: PartialWhatIfInputs): Draft {
  return {
    factors: { ...inputs.factors },
    cvssText: inputs.cvssBase === undefined ? '' : inputs.cvssBase.toFixed(1),
    threatKeyword: keywordFor(
      THREAT_MULTIPLIER_KEYWORDS,
      inputs.threatMultiplier,
    ),
    threatText: String(inputs.threatMultiplier),
    mitigationKeyword: keywordFor(
      MITIGATION_FACTOR_KEYWORDS,
      inputs.mitigationFactor,
    ),
    mitigationText: String(inputs.mitigationFactor),
  };
}

function multiplierValue(
  keyword: string,
  text: string,
  keywords: Record<string, string>,
  range: { min: number; max: number },
): number | undefined {
  return keyword === 'custom'
    ? parseInRange(text, range.min, range.max)
    : Number(keywords[keyword]);
}

/** The numbers a draft stands for; an input not (validly) set is undefined. */
function resolve(draft: Draft): WhatIfBaseline {
  return {
    factors: draft.factors,
    cvssBase: parseInRange(draft.cvssText, 0, 10),
    threatMultiplier: multiplierValue(
      draft.threatKeyword,
      draft.threatText,
      THREAT_MULTIPLIER_KEYWORDS,
      THREAT_MULTIPLIER_RANGE,
    ),
    mitigationFactor: multiplierValue(
      draft.mitigationKeyword,
      draft.mitigationText,
      MITIGATION_FACTOR_KEYWORDS,
      MITIGATION_FACTOR_RANGE,
    ),
  };
}

/**
 * Moves the inputs of one agent's score and shows the result at once,
 * computed in the browser by the common package under the record's model.
 * For an unscored agent it starts from the inputs that are known and asks
 * for the missing ones, so the owner sees the score they would get.
 * Nothing is saved here; SaveAssessment saves what the owner changed.
 */
export function WhatIfPanel(props: {
  record: AgentRiskRecord;
  /** The agent's entity: with it, the panel offers to save the inputs (SaveAssessment). */
  entity?: Entity;
  /** Called with the entity sent after a save succeeded. */
  onSaved?: (sent: Entity) => void;
}) {
  const { record } = props;
  const initial = useMemo(() => initialWhatIfInputs(record), [record]);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(initial));
  // A newly scored record (a save, a refresh) is the new starting point: the
  // draft restarts from it, so the saved inputs no longer count as changed.
  // Reset here rather than by remounting, which would drop the save's outcome.
  // The factors the evidence raised, as the draft had them: "dynamic tool use 0.1 → 0.8".
  const [evidenceChanges, setEvidenceChanges] = useState<string>();
  const [scoredAt, setScoredAt] = useState(record.computedAt);
  if (scoredAt !== record.computedAt) {
    setScoredAt(record.computedAt);
    setDraft(draftFrom(initial));
    setEvidenceChanges(undefined);
  }
  // What counts as changed: the inputs as the untouched draft reads them.
  const baseline = useMemo(() => resolve(draftFrom(initial)), [initial]);
  const text = useTextStyles();
  const { t, severityLabel } = useRiskLabels();
  const update = (patch: Partial<Draft>) => setDraft(d => ({ ...d, ...patch }));
  const model = SCORING_MODELS[record.model];
  const understated = (record.evidence ?? []).filter(isUnderstatedFinding);
  const scoreWithEvidence = () => {
    const raised = applyEvidence(draft.factors, understated);
    const changes = AGENTIC_FACTORS.filter(
      f => raised[f.id] !== draft.factors[f.id],
    )
      .map(f => {
        const before = draft.factors[f.id];
        return `${getAgenticFactor(f.id).title.toLocaleLowerCase('en-US')} ${
          before === undefined ? '–' : before.toFixed(1)
        } → ${raised[f.id]!.toFixed(1)}`;
      })
      .join(', ');
    update({ factors: raised });
    setEvidenceChanges(changes || undefined);
  };

  const { cvssBase, threatMultiplier, mitigationFactor } = resolve(draft);
  const factors = completeFactors(draft.factors);
  const unsetFactors = AGENTIC_FACTORS.filter(
    f => draft.factors[f.id] === undefined,
  ).length;
  const result =
    factors !== undefined &&
    cvssBase !== undefined &&
    threatMultiplier !== undefined &&
    mitigationFactor !== undefined
      ? computeScore(
          {
            cvssBase,
            factors,
            threatMultiplier,
            mitigationFactor,
          },
          record.model,
        )
      : undefined;

  let mitigationHelp: string | undefined;
  if (model && !model.usesMitigation) {
    mitigationHelp = t('whatIf.mitigationNotUsed');
  } else if (mitigationFactor === undefined) {
    mitigationHelp = t('whatIf.range', {
      min: String(MITIGATION_FACTOR_RANGE.min),
      max: String(MITIGATION_FACTOR_RANGE.max),
    });
  } else if (
    draft.mitigationKeyword === 'weak' ||
    draft.mitigationKeyword === 'none'
  ) {
    // Both are 1.00 in the table: picking weak looks broken unless said.
    mitigationHelp = t('whatIf.weakIsNone');
  }

  return (
    <InfoCard
      title={t('whatIf.title')}
      subheader={t('whatIf.subheader', {
        model: model?.title ?? record.model,
      })}
    >
      {understated.length > 0 && (
        <Box mb={2}>
          <Button
            variant="outlined"
            color="primary"
            onClick={scoreWithEvidence}
            aria-describedby="what-if-evidence-help"
          >
            {t('whatIf.withEvidence')}
          </Button>
          <Typography
            variant="body2"
            color="textSecondary"
            id="what-if-evidence-help"
          >
            {evidenceChanges
              ? t('whatIf.evidenceApplied', { changes: evidenceChanges })
              : t('whatIf.withEvidenceHelp')}
          </Typography>
        </Box>
      )}
      <Box
        mb={2}
        role="status"
        aria-live="polite"
        aria-label={t('whatIf.resultAriaLabel')}
        data-testid="what-if-result"
      >
        {result ? (
          <Typography variant="h5" component="p">
            {t('whatIf.result', {
              score: formatScore(result.score),
              severity: severityLabel(result.severity),
            })}{' '}
            <SeverityChip severity={result.severity} />
          </Typography>
        ) : (
          <Typography variant="h5" component="p" className={text.error}>
            {unsetFactors > 0
              ? t('whatIf.setMissingFactors', { count: unsetFactors })
              : t('whatIf.fixInputs')}
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          {t('whatIf.recorded', {
            score: formatScore(record.score),
            severity: severityLabel(record.severity),
          })}
          {result &&
            t('whatIf.whatIfDetails', {
              aars: formatPoints(result.aars),
              factorSum: formatPoints(result.factorSum),
            })}
        </Typography>
      </Box>
      <Grid container spacing={3}>
        {AGENTIC_FACTORS.map(factor => {
          const value = draft.factors[factor.id];
          return (
            <Grid item xs={12} sm={6} key={factor.id}>
              <Typography
                variant="body2"
                id={`what-if-${factor.id}`}
                className={value === undefined ? text.error : undefined}
              >
                {t('whatIf.factorValue', {
                  factor: factor.title,
                  value:
                    value === undefined
                      ? t('whatIf.factorMissing')
                      : value.toFixed(2),
                })}
              </Typography>
              <Slider
                aria-label={factor.title}
                getAriaValueText={v =>
                  value === undefined ? t('whatIf.factorNotSet') : v.toFixed(2)
                }
                // An unset factor sits at 0 but is not counted until moved.
                value={value ?? 0}
                min={0}
                max={1}
                step={0.1}
                marks
                valueLabelDisplay="auto"
                onChange={(_event, moved) =>
                  update({
                    factors: {
                      ...draft.factors,
                      [factor.id]: Array.isArray(moved) ? moved[0] : moved,
                    },
                  })
                }
              />
            </Grid>
          );
        })}
        <Grid item xs={12} sm={4}>
          <TextField
            id="what-if-cvss-base"
            size="small"
            variant="outlined"
            label={
              record.cvssAssumed
                ? t('whatIf.cvssBaseAssumed')
                : t('whatIf.cvssBase')
            }
            value={draft.cvssText}
            required
            error={cvssBase === undefined}
            helperText={
              cvssBase === undefined ? t('whatIf.cvssBaseError') : undefined
            }
            inputProps={{ inputMode: 'decimal' }}
            onChange={e => update({ cvssText: e.target.value })}
          />
        </Grid>
        <Grid item xs={12} sm={4}>
          <MultiplierInput
            id="what-if-threat"
            label={t('whatIf.threatMultiplier')}
            keywords={THREAT_MULTIPLIER_KEYWORDS}
            range={THREAT_MULTIPLIER_RANGE}
            keyword={draft.threatKeyword}
            customText={draft.threatText}
            error={threatMultiplier === undefined}
            helperText={
              threatMultiplier === undefined
                ? t('whatIf.range', {
                    min: String(THREAT_MULTIPLIER_RANGE.min),
                    max: String(THREAT_MULTIPLIER_RANGE.max),
                  })
                : undefined
            }
            onKeywordChange={threatKeyword => update({ threatKeyword })}
            onCustomTextChange={threatText => update({ threatText })}
          />
        </Grid>
        <Grid item xs={12} sm={4}>
          <MultiplierInput
            id="what-if-mitigation"
            label={t('whatIf.mitigationFactor')}
            keywords={MITIGATION_FACTOR_KEYWORDS}
            range={MITIGATION_FACTOR_RANGE}
            keyword={draft.mitigationKeyword}
            customText={draft.mitigationText}
            disabled={model ? !model.usesMitigation : false}
            error={mitigationFactor === undefined}
            helperText={mitigationHelp}
            onKeywordChange={mitigationKeyword => update({ mitigationKeyword })}
            onCustomTextChange={mitigationText => update({ mitigationText })}
          />
        </Grid>
        <Grid item xs={12}>
          <Button
            variant="outlined"
            onClick={() => {
              setDraft(draftFrom(initial));
              setEvidenceChanges(undefined);
            }}
          >
            {t('whatIf.reset')}
          </Button>
          {props.entity && (
            <SaveAssessment
              entity={props.entity}
              initial={baseline}
              inputs={
                result
                  ? {
                      factors: factors!,
                      cvssBase: cvssBase!,
                      threatMultiplier: threatMultiplier!,
                      mitigationFactor: mitigationFactor!,
                      threatKeyword: draft.threatKeyword,
                      mitigationKeyword: draft.mitigationKeyword,
                    }
                  : undefined
              }
              onSaved={props.onSaved}
              suggestedReason={
                evidenceChanges
                  ? t('whatIf.evidenceReason', { changes: evidenceChanges })
                  : undefined
              }
            />
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}
