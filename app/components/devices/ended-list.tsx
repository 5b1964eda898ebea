import { EndedSessionList, type EndedSession } from '~/components/ended-session-list.tsx'
import { describeEnding } from '~/lib/event-text.ts'

export function EndedList({ ended, now, idleTimeoutMs }: { ended: EndedSession[]; now: Date; idleTimeoutMs: number }) {
  return (
    <section aria-labelledby="ended-title" className="space-y-3">
      <h2 id="ended-title" className="text-xl font-semibold">
        Ended sessions
      </h2>
      <EndedSessionList ended={ended} now={now} describe={(session) => describeEnding(session, idleTimeoutMs)} />
    </section>
  )
}
