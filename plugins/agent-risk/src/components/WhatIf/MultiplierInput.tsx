import Box from '@material-ui/core/Box';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * A multiplier as the annotations take it: one of the spec's keywords, or a
 * custom number within the allowed range.
 */
export function MultiplierInput(props: {
  id: string;
  label: string;
  keywords: Record<string, string>;
  range: { min: number; max: number };
  keyword: string;
  customText: string;
  error?: boolean;
  disabled?: boolean;
  helperText?: string;
  onKeywordChange: (keyword: string) => void;
  onCustomTextChange: (text: string) => void;
}) {
  const { id, label, keywords, range, keyword } = props;
  const { t } = useRiskLabels();
  return (
    <Box>
      {/* Stacked at full width: side by side, the custom field got so narrow
          that its label wrapped over the value. */}
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        <FormControl variant="outlined" size="small" fullWidth>
          <InputLabel id={`${id}-label`}>{label}</InputLabel>
          <Select
            labelId={`${id}-label`}
            label={label}
            value={keyword}
            disabled={props.disabled}
            onChange={e => props.onKeywordChange(String(e.target.value))}
          >
            {Object.entries(keywords).map(([name, value]) => (
              <MenuItem key={name} value={name}>
                {t('whatIf.keywordOption', { keyword: name, value })}
              </MenuItem>
            ))}
            <MenuItem value="custom">
              {t('whatIf.customOption', {
                min: String(range.min),
                max: String(range.max),
              })}
            </MenuItem>
          </Select>
        </FormControl>
        {keyword === 'custom' && (
          <TextField
            id={`${id}-custom`}
            fullWidth
            size="small"
            variant="outlined"
            label={t('whatIf.customLabel', { label })}
            value={props.customText}
            error={props.error}
            disabled={props.disabled}
            inputProps={{ inputMode: 'decimal' }}
            onChange={e => props.onCustomTextChange(e.target.value)}
          />
        )}
      </Box>
      {props.helperText && (
        <FormHelperText error={props.error}>{props.helperText}</FormHelperText>
      )}
    </Box>
  );
}
