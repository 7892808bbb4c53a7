import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { AgentRiskSearchResultListItem } from './AgentRiskSearchResultListItem';

const document = {
  title: 'Autonomous Refactoring Agent',
  text: 'Opens pull requests. Threats: ASI02, T2. Tools: push_files.',
  location: '/catalog/default/airesource/autonomous-refactoring-agent/risk',
  entityRef: 'airesource:default/autonomous-refactoring-agent',
  status: 'scored',
  severity: 'high',
  score: 7.25,
  owner: 'group:default/developer-experience',
  ownerTitle: 'Developer Experience',
};

describe('AgentRiskSearchResultListItem', () => {
  it('shows the severity band in words, the AIVSS score and the owner, linking to the Risk tab', async () => {
    await renderInTestApp(<AgentRiskSearchResultListItem result={document} />);
    const link = screen.getByRole('link', {
      name: 'Autonomous Refactoring Agent',
    });
    expect(link).toHaveAttribute('href', document.location);
    const chip = screen.getByText('High').closest('[data-severity]');
    expect(chip).toHaveAttribute('data-severity', 'high');
    expect(screen.getByText('AIVSS score 7.3')).toBeInTheDocument();
    expect(screen.getByText('Owner: Developer Experience')).toBeInTheDocument();
    expect(screen.getByText(document.text)).toBeInTheDocument();
  });

  it('says an agent is not scored, and why, without a score', async () => {
    await renderInTestApp(
      <AgentRiskSearchResultListItem
        result={
          {
            ...document,
            status: 'invalid',
            severity: null,
            score: null,
          } as any
        }
      />,
    );
    expect(screen.getByText('Not scored (Invalid)')).toBeInTheDocument();
    expect(screen.queryByText(/AIVSS score/)).not.toBeInTheDocument();
  });

  it('renders untrusted text inert and ignores values that are not a band or a number', async () => {
    const { container } = await renderInTestApp(
      <AgentRiskSearchResultListItem
        result={
          {
            ...document,
            title: '<img src=x onerror=alert(1)>',
            text: '<script>alert(1)</script>',
            severity: '<b>critical</b>',
            score: '9.9',
          } as any
        }
      />,
    );
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(
      screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/9\.9/)).not.toBeInTheDocument();
    expect(
      container.querySelector('[data-severity]')?.getAttribute('data-severity'),
    ).toBe('unscored');
  });
});
