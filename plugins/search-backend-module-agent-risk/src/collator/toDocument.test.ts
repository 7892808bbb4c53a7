import { toDocument } from './toDocument';

const row = {
  entityRef: 'airesource:default/coder',
  title: 'Coder',
  status: 'scored',
  score: 7.25,
  severity: 'high',
  owner: 'group:default/dx',
  ownerTitle: null,
} as any;

describe('toDocument', () => {
  it('refuses a row without a valid entity ref, which names no agent', () => {
    expect(() => toDocument({ ...row, entityRef: 42 }, undefined, '/')).toThrow(
      'entityRef',
    );
    expect(() =>
      toDocument({ ...row, entityRef: 'not a ref' }, undefined, '/'),
    ).toThrow('entityRef');
  });

  it('indexes a row whose record could not be read, and ignores malformed record parts', () => {
    const document = toDocument(
      row,
      {
        layers: [{ threats: [{ id: 'ASI01' }, { id: 7 }, null] }, 'x'],
        mcpServers: { not: 'a list' },
        description: ['not text'],
      } as any,
      '/catalog/:namespace/:kind/:name/risk',
    );
    expect(document).toMatchObject({
      threatIds: ['ASI01'],
      mcpServers: [],
      tools: [],
      location: '/catalog/default/airesource/coder/risk',
    });
    expect(document.text).toBe(
      'Severity High, AIVSS score 7.3.\nOwner: group:default/dx.\nThreats: ASI01.',
    );
    expect(toDocument(row, undefined, '/x/:name').location).toBe('/x/coder');
  });

  it('encodes the ref parts it puts in the location', () => {
    expect(
      toDocument(
        { ...row, entityRef: 'airesource:default/a?b#c' },
        undefined,
        '/catalog/:namespace/:kind/:name/risk',
      ).location,
    ).toBe('/catalog/default/airesource/a%3Fb%23c/risk');
  });
});
