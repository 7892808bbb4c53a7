import { fireEvent, render, screen } from '@testing-library/react';
import App from './App';

jest.setTimeout(60_000);

describe('App', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost' },
            // Nothing listens here: the pages' reads fail fast.
            backend: { baseUrl: 'http://127.0.0.1:1' },
          },
          context: 'test',
        },
      ] as any,
    };
    // No auth backend: accept the sign-in page's offer of the local guest token.
    jest.spyOn(window, 'confirm').mockReturnValue(true);
  });

  it('signs in a guest and opens the Agent Risk ranking at /, with its pages in the sidebar', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter' }));
    // `/` redirects to the plugin's route: its page header renders.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Agent risk' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/agent-risk');
    const links = screen
      .getAllByRole('link')
      .map(link => link.getAttribute('href'));
    expect(links).toEqual(
      expect.arrayContaining([
        '/agent-risk',
        '/agent-risk/register',
        '/catalog',
      ]),
    );
  });
});
