import type pg from 'pg';

/** What a one-statement function needs: a pg Pool, a PoolClient or a Client all qualify. */
export type Queryable = {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
};
