import type { MetaFunction } from '@remix-run/node'
import { Link, useRouteLoaderData } from '@remix-run/react'
import { BellRing, History, MonitorSmartphone, ShieldCheck } from 'lucide-react'
import { buttonClass } from '~/components/forms.tsx'
import type { loader as rootLoader } from '~/root.tsx'

export const meta: MetaFunction = () => [{ title: 'Doorman — where are you signed in?' }]

const features = [
  {
    icon: MonitorSmartphone,
    title: 'Every device, named right',
    text: 'Chrome on Windows 11, Safari on iPhone, Brave, Pixel: read from the browser and its client hints.',
  },
  {
    icon: ShieldCheck,
    title: 'Sign out in one click',
    text: 'Sign out one device, all the others, or everywhere. It takes effect on the very next request.',
  },
  {
    icon: BellRing,
    title: 'The signed-out tab notices',
    text: 'An open page of a signed-out device says so by itself, within seconds, and tells you why.',
  },
  {
    icon: History,
    title: 'A history you can trust',
    text: 'Last active to the minute, what ended each session, and every security event, recorded.',
  },
]

export default function Home() {
  const root = useRouteLoaderData<typeof rootLoader>('root')
  return (
    <div className="space-y-12">
      <section className="py-8 text-center sm:py-16">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Know where you are signed in.</h1>
        <p className="mx-auto mt-4 max-w-2xl text-lg text-slate-600 dark:text-slate-300">
          Doorman shows every device signed in to your account — which browser, where, and when it was last active — and
          lets you sign any of them out at once.
        </p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          {root?.user ? (
            <Link to="/devices" className={buttonClass('primary')}>
              See your devices
            </Link>
          ) : (
            <>
              <Link to="/login" className={buttonClass('primary')}>
                Sign in
              </Link>
              <Link to="/signup" className={buttonClass('secondary')}>
                Create an account
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="features-title">
        <h2 id="features-title" className="sr-only">
          What Doorman does
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {features.map(({ icon: Icon, title, text }) => (
            <li
              key={title}
              className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <Icon aria-hidden className="h-6 w-6 text-brand-600 dark:text-brand-100" />
              <h3 className="mt-3 font-semibold">{title}</h3>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
