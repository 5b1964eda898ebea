import { clearFault, databaseFault, faultOf } from '~/db-faults.server.ts'
import { db } from '~/db.server.ts'

// Liveness and readiness in one: 200 when the database answers and is the file we
// opened, 503 naming the fault if not (deleted or replaced file, never migrated, …).
export async function loader() {
  let failed: string | null = null
  try {
    await db.$queryRawUnsafe('SELECT 1')
    // Reading a table tells a never-migrated database from a working one.
    await db.user.findFirst({ select: { id: true } })
    clearFault('unmigrated')
  } catch (error) {
    failed = faultOf(error) ?? 'unavailable'
  }
  const known = databaseFault()
  if (!known && !failed) return Response.json({ status: 'ok' })
  const fault = known?.fault ?? failed
  const reason = known?.reason ?? 'The database is not answering.'
  return Response.json({ status: 'unavailable', fault, reason }, { status: 503 })
}
