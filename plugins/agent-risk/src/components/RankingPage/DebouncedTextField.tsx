import { useEffect, useState } from 'react';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';

export const FILTER_DEBOUNCE_MS = 300;

/** A text field that reports its value only after the user pauses typing. */
export function DebouncedTextField(
  props: Omit<TextFieldProps, 'value' | 'onChange'> & {
    value: string;
    onChange: (value: string) => void;
  },
) {
  const { value, onChange, ...rest } = props;
  const [text, setText] = useState(value);
  // Follow outside changes (e.g. browser back) without fighting the user.
  useEffect(() => setText(value), [value]);
  useDebounce(
    () => {
      if (text !== value) {
        onChange(text);
      }
    },
    FILTER_DEBOUNCE_MS,
    [text],
  );
  return (
    <TextField {...rest} value={text} onChange={e => setText(e.target.value)} />
  );
}
