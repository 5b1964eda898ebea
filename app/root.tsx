import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { useNonce } from '~/components/nonce.tsx'
import { SiteFooter } from '~/components/site-footer.tsx'
import { SiteHeader } from '~/components/site-header.tsx'
import { SignedOutOverlay } from '~/components/live/signed-out-overlay.tsx'
import { useSessionWatcher } from '~/components/live/use-session-events.ts'
import { getOptionalUser } from '~/session/guards.server.ts'
import stylesheet from '~/tailwind.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getOptionalUser(request, context)
  return {
    user: auth ? { email: auth.user.email, name: auth.user.name, role: auth.user.role } : null,
    sessionId: auth?.session.id ?? null,
    /** When this data was read, for the live stream (see use-session-events.ts). */
    loadedAt: Date.now(),
  }
}

export const meta: MetaFunction = () => [
  { title: 'Doorman' },
  { name: 'description', content: 'See every device signed in to your account and sign any of them out.' },
]

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  const ended = useSessionWatcher(data?.sessionId ?? null, data?.loadedAt ?? Date.now())
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50">
          Skip to content
        </a>
        {/* A session that ended takes its private content (devices, IPs, ids) out of the page (V14.3.1). */}
        <SiteHeader user={ended ? null : (data?.user ?? null)} />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {ended ? null : children}
        </main>
        <SiteFooter />
        {ended ? <SignedOutOverlay ended={ended} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
