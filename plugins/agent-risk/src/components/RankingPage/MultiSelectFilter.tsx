import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** A select of several fixed values, each shown in words. */
export function MultiSelectFilter<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T[];
  onChange: (value: T[]) => void;
}) {
  const { id, label, options, labels, value } = props;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={label}
        multiple
        value={value}
        renderValue={selected =>
          (selected as T[]).map(v => labels[v]).join(', ')
        }
        onChange={e => props.onChange(e.target.value as T[])}
      >
        {options.map(option => (
          <MenuItem key={option} value={option}>
            <Checkbox size="small" checked={value.includes(option)} />
            <ListItemText primary={labels[option]} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
