import { parseRankingQuery, toSearchParams } from './rankingQuery';

describe('rankingQuery', () => {
  it('round-trips a view through the URL', () => {
    const params = new URLSearchParams(
      'owner=group:default/a&owner=group:default/b&severity=high&status=invalid&system=s&lifecycle=production&q=bot&orderBy=name&order=desc&limit=100&mine=true',
    );
    const query = parseRankingQuery(params);
    expect(query).toEqual({
      owner: ['group:default/a', 'group:default/b'],
      severity: ['high'],
      status: ['invalid'],
      system: ['s'],
      lifecycle: ['production'],
      q: 'bot',
      orderBy: 'name',
      order: 'desc',
      limit: 100,
      mine: true,
    });
    expect(parseRankingQuery(toSearchParams(query))).toEqual(query);
  });

  it('drops values the backend would reject and falls back to the defaults', () => {
    const query = parseRankingQuery(
      new URLSearchParams(
        'severity=urgent&severity=low&status=weird&orderBy=colour&order=sideways&limit=5000',
      ),
    );
    expect(query.severity).toEqual(['low']);
    expect(query.status).toEqual([]);
    expect(query.orderBy).toBe('score');
    expect(query.order).toBe('desc');
    expect(query.limit).toBe(50);
  });

  it('leaves defaults out of the URL', () => {
    expect(
      toSearchParams(parseRankingQuery(new URLSearchParams())).toString(),
    ).toBe('');
    expect(
      toSearchParams({
        ...parseRankingQuery(new URLSearchParams()),
        orderBy: 'name',
        order: 'asc',
      }).toString(),
    ).toBe('orderBy=name');
  });
});
