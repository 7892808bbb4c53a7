import { cvss4BaseScore } from './cvss';

const VALID = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

describe('cvss4BaseScore', () => {
  it('scores a complete vector as FIRST’s calculator does', () => {
    expect(cvss4BaseScore(VALID)).toEqual({ ok: true, baseScore: 9.3 });
  });

  it('reports every problem of a malformed vector, not only the first', () => {
    const result = cvss4BaseScore(
      'CVSS:3.1/AV:N/AC:L/AC:H/PR/UI:Q/VC:H/VI:H/VA:H/SC:N/SI:N',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'must be a CVSS v4.0 vector starting with "CVSS:4.0/"',
      'repeats the metric AC',
      'has a malformed metric "PR"',
      'lacks the base metric(s) AT, PR, SA',
      'has UI:Q; UI takes N, P, A',
    ]);
    expect(result.message).toBe(result.errors.join('; '));
  });

  it('names each bad value of a base metric', () => {
    const result = cvss4BaseScore(
      'CVSS:4.0/AV:Z/AC:L/AT:N/PR:N/UI:N/VC:Q/VI:H/VA:H/SC:N/SI:N/SA:N',
    );
    expect(result).toMatchObject({
      ok: false,
      errors: ['has AV:Z; AV takes N, A, L, P', 'has VC:Q; VC takes H, L, N'],
    });
  });
});
