import pg from 'pg';

/** Direct access to the e2e database for arranging states the spec is not about. */
export function e2eDb(): pg.Pool {
  const port = Number(process.env.E2E_PG_PORT ?? 54341);
  return new pg.Pool({ connectionString: `postgres://dingkao:dingkao@127.0.0.1:${port}/dingkao`, max: 2 });
}

/**
 * Give an account the demo password (copied from a ready demo account) without a forced change;
 * a physician also gets a bound mobile, an institution a completed 本机构信息. For arranging actors that are not the spec's subject.
 */
export async function onboardWithDemoPassword(
  db: pg.Pool,
  kind: 'physician' | 'org',
  login: string,
  mobile?: string,
): Promise<void> {
  await db.query(
    `UPDATE accounts SET password_hash = (SELECT password_hash FROM accounts WHERE kind = 'org' AND login = 'yy_gxyd1'),
            must_change_password = false,
            mobile = COALESCE($3, mobile), mobile_verified_at = CASE WHEN $3::text IS NULL THEN mobile_verified_at ELSE now() END
      WHERE kind = $1 AND login = $2`,
    [kind, login, mobile ?? null],
  );
  // an onboarded institution has also completed 本机构信息 (otherwise the first-login cycle popup
  // with 【去确认】 covers the page)
  if (kind === 'org') {
    await db.query(
      `UPDATE organisations SET profile = profile || jsonb_build_object('institution',
         jsonb_build_object('address', address, 'category', '综合医院', 'grade', '二级', 'contact', '定考办', 'phone', '0771-5550000'))
        WHERE code = $1 AND kind = 'institution' AND NOT profile ? 'institution'`,
      [login],
    );
  }
}
