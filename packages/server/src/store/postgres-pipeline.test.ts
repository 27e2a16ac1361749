// The transaction connection that saves round trips (postgres/pipeline.ts): a prepared statement
// run as `EXECUTE` with its values written in answers and writes what it answers and writes when
// the driver sends the values, whatever characters they hold.
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { freshDatabase } from '../../test/postgres-database.js'
import { prepared, type PgPoolClient } from './postgres/driver.js'
import { TransactionClient } from './postgres/pipeline.js'

const pools: pg.Pool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()))
})

/** Values a driver sends as they are and this module writes in: quotes, backslashes, braces, commas, NULLs, non-ASCII. */
const TEXTS = [`it's`, 'back\\slash', '"quoted"', '{braces},', 'NULL', '', '路灯坏了 ✓', "\\'; DROP TABLE t; --"]
const ECHO = 'SELECT $1::text AS a, $2::text[] AS b, $3::bigint AS c, $4::boolean AS d, $5::integer[] AS e, $6::text AS f'

describe('postgres store: a transaction’s statements in fewer round trips', () => {
  it('answers an EXECUTE sent with BEGIN as the driver’s own statement, and writes deferred statements before the next', async () => {
    const pool = new pg.Pool({ connectionString: await freshDatabase(), max: 1 })
    pools.push(pool)
    const client = (await pool.connect()) as unknown as PgPoolClient & { release(): void }
    try {
      await client.query('CREATE TABLE t (a text, b text[])')
      const insert = (a: unknown, b: unknown) => prepared('INSERT INTO t (a, b) VALUES ($1, $2)', [a, b], true)
      const echo = (i: number) => prepared(ECHO, [TEXTS[i], TEXTS, 2 ** 40 + i, i % 2 === 0, [i, i + 1], null], true)
      // First runs on this connection: sent by the driver (prepared there); not deferred before.
      const first = new TransactionClient(client)
      const expected = (await first.query(echo(0))).rows
      expect(first.defer(insert('x', ['y']))).toBe(false)
      await first.query(insert('x', ['y']))
      await first.commit()
      for (let i = 0; i < TEXTS.length; i++) {
        const direct = (await client.query(echo(i))).rows
        const tx = new TransactionClient(client)
        // BEGIN and the statement in one round trip, as EXECUTE.
        expect((await tx.query(echo(i))).rows).toEqual(direct)
        expect(tx.defer(insert(TEXTS[i], TEXTS))).toBe(true)
        expect(tx.defer(insert(null, [null, TEXTS[i]]))).toBe(true)
        await tx.commit()
      }
      expect(expected[0]).toEqual({ a: TEXTS[0], b: TEXTS, c: String(2 ** 40), d: true, e: [0, 1], f: null })
      const stored = (await client.query<{ a: string | null; b: Array<string | null> }>('SELECT a, b FROM t')).rows
      expect(stored).toEqual([{ a: 'x', b: ['y'] }, ...TEXTS.flatMap((text) => [{ a: text, b: TEXTS }, { a: null, b: [null, text] }])])
      // A value that cannot be written in is not deferred: the caller runs it.
      expect(new TransactionClient(client).defer(insert({ not: 'a scalar' }, []))).toBe(false)
      // A statement this connection never prepared is not deferred either.
      expect(new TransactionClient(client).defer(prepared('SELECT $1::text', ['never run here'], true))).toBe(false)
      // Nor one not marked inline (a citizen's data: PostgreSQL logs the text of a failing
      // statement), which goes with its values as parameters, BEGIN sent before it.
      const sent: unknown[] = []
      const recording = { query: (q: unknown, v?: unknown) => (sent.push(q), client.query(q as never, v as never)) } as unknown as PgPoolClient
      const plain = new TransactionClient(recording)
      const secret = prepared('INSERT INTO t (a, b) VALUES ($1, $2)', ['王小明 13812345678', []])
      expect(plain.defer(secret)).toBe(false)
      await plain.query(secret)
      await plain.commit()
      expect(sent).toEqual(['BEGIN;\n', secret, 'COMMIT'])
    } finally {
      client.release()
    }
  })
})
