import { RegisterFormState } from './registerForm';

/** What every card of the register form gets: the form, its setters, its problems by field. */
export interface FormCardProps {
  form: RegisterFormState;
  onChange: (patch: Partial<RegisterFormState>) => void;
  onAnnotation: (key: string, value: string) => void;
  /** Field (entity path or annotation key) → the catalog's message. */
  problems: Map<string, string>;
}

/** The error props of a field with a problem. */
export function problemProps(problems: Map<string, string>, field: string) {
  const message = problems.get(field);
  return message ? { error: true, helperText: message } : {};
}
