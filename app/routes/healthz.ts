import { db } from '~/db.server.ts'

// Liveness and readiness in one: 200 when the database answers, 503 with a reason if not.
export async function loader() {
  try {
    await db.$queryRawUnsafe('SELECT 1')
    return Response.json({ status: 'ok' })
  } catch {
    return Response.json({ status: 'unavailable', reason: 'The database is not answering.' }, { status: 503 })
  }
}
