// Makes sure PostgreSQL 15 is there for the server's PostgreSQL tests, which start throw-away
// clusters of their own (packages/server/test/postgres-cluster.ts): Debian's postgresql-15 is
// installed (as root, the way CI and the development machines run) when its initdb is missing.
// Installing it also creates the `postgres` user the clusters run as (initdb refuses root).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const initdb = '/usr/lib/postgresql/15/bin/initdb'
if (existsSync(initdb)) process.exit(0)
if (process.getuid?.() !== 0) {
  console.error(`PostgreSQL 15 is missing (no ${initdb}). Install Debian's package (apt-get install postgresql-15) as root.`)
  process.exit(1)
}
console.log('Installing PostgreSQL 15 from Debian’s packages for the PostgreSQL tests …')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql-15'], { stdio: 'inherit', env })
if (!existsSync(initdb)) {
  console.error(`apt-get finished but ${initdb} does not exist.`)
  process.exit(1)
}
