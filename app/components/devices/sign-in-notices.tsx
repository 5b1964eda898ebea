import { Form } from '@remix-run/react'
import { buttonClass } from '~/components/forms.tsx'

type Notice = { id: string; device: string; where: string; at: string | Date; stillSignedIn: boolean }

const when = (at: string | Date) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** "Was this you?" for each recent sign-in from a new browser and place. */
export function SignInNotices({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null
  return (
    <section aria-labelledby="sign-in-notices-title" className="space-y-3">
      <h2 id="sign-in-notices-title" className="text-xl font-semibold">
        New sign-ins: was this you?
      </h2>
      <ul className="space-y-3">
        {notices.map((notice) => (
          <li
            key={notice.id}
            aria-label={`New sign-in: ${notice.device}`}
            className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-50"
          >
            <p>
              <strong>{notice.device}</strong> signed in from {notice.where} on{' '}
              <time dateTime={new Date(notice.at).toISOString()} suppressHydrationWarning>
                {when(notice.at)}
              </time>
              {notice.stillSignedIn ? '' : ' (already signed out)'}.
            </p>
            <Form method="post" action={`/sign-in-alerts/${notice.id}`} className="mt-3 flex flex-wrap gap-2">
              <button type="submit" name="answer" value="me" className={buttonClass('secondary')}>
                Yes, it was me
              </button>
              <button type="submit" name="answer" value="not-me" className={buttonClass('danger')}>
                No, secure my account
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  )
}
