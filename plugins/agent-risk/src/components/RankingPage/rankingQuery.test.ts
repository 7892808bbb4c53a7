import { parseRankingQuery, toSearchParams } from './rankingQuery';

describe('rankingQuery', () => {
  it('round-trips a view through the URL', () => {
    const params = new URLSearchParams(
      'owner=group:default/a&owner=group:default/b&severity=high&status=invalid&system=s&lifecycle=production&acceptance=accepted&acceptance=bogus&q=bot&orderBy=name&order=desc&limit=100&mine=true&understated=true&discovered=true&assessed=false',
    );
    const query = parseRankingQuery(params);
    expect(query).toEqual({
      owner: ['group:default/a', 'group:default/b'],
      severity: ['high'],
      status: ['invalid'],
      system: ['s'],
      lifecycle: ['production'],
      acceptance: ['accepted'],
      q: 'bot',
      orderBy: 'name',
      order: 'desc',
      limit: 100,
      mine: true,
      page: 1,
      cursor: undefined,
      reviewOverdue: undefined,
      understated: true,
      discovered: true,
      assessed: false,
      ssvcOutcome: [],
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
    expect(query.limit).toBe(100);
  });

  it('clamps the page size to an offered one, so the select never gets a value it lacks', () => {
    const limitOf = (limit: string) =>
      parseRankingQuery(new URLSearchParams({ limit })).limit;
    expect(limitOf('5')).toBe(10);
    expect(limitOf('10')).toBe(10);
    expect(limitOf('26')).toBe(50);
    expect(limitOf('5000')).toBe(100);
    expect(limitOf('-3')).toBe(50);
    expect(limitOf('ten')).toBe(50);
  });

  it('keeps the page position (page and cursor) in the URL, and page 1 without a cursor', () => {
    const query = parseRankingQuery(
      new URLSearchParams('limit=10&page=2&cursor=abc'),
    );
    expect(query.page).toBe(2);
    expect(query.cursor).toBe('abc');
    expect(toSearchParams(query).toString()).toBe('limit=10&page=2&cursor=abc');
    expect(parseRankingQuery(new URLSearchParams('page=3')).page).toBe(1);
    expect(
      toSearchParams({ ...query, page: 1, cursor: undefined }).toString(),
    ).toBe('limit=10');
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
