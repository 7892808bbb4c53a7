import { render, screen } from '@testing-library/react';
import { lightTheme } from '@backstage/theme';
import { ThemeProvider } from '@material-ui/core/styles';
import { OutcomeMessage } from './OutcomeMessage';

const inTheme = (node: JSX.Element) =>
  render(<ThemeProvider theme={lightTheme}>{node}</ThemeProvider>);

describe('OutcomeMessage', () => {
  it('announces a success politely and a failure at once, in the AA error shade', () => {
    const { rerender, container } = inTheme(
      <OutcomeMessage outcome={{ ok: true, message: 'Saved.' }} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
    rerender(
      <ThemeProvider theme={lightTheme}>
        <OutcomeMessage outcome={{ ok: false, message: 'Invalid reason' }} />
      </ThemeProvider>,
    );
    expect(screen.getByRole('alert')).toHaveStyle({
      color: lightTheme.palette.error.dark,
    });
    rerender(
      <ThemeProvider theme={lightTheme}>
        <OutcomeMessage outcome={undefined} />
      </ThemeProvider>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
