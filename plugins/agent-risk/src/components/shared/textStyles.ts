import { makeStyles } from '@material-ui/core/styles';

/**
 * Text colours that keep WCAG AA contrast (4.5:1) on the page and card
 * backgrounds: the theme's `error.main` (#f44336) reaches only 3.5:1 as small
 * text, so error text uses the darker shade (the lighter one in dark mode).
 */
export const useTextStyles = makeStyles(theme => {
  const errorText =
    theme.palette.type === 'dark'
      ? theme.palette.error.light
      : theme.palette.error.dark;
  return {
    error: { color: errorText },
    /**
     * On a form: the fields' error labels and helper texts in the same shade
     * (by the state class, which apps do not rename).
     */
    formErrors: {
      '& p.Mui-error, & label.Mui-error': { color: errorText },
    },
  };
});
