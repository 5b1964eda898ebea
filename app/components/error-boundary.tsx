import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const titles: Record<number, string> = {
  400: 'That request did not look right',
  403: 'You cannot do that',
  404: 'Page not found',
  405: 'Method not allowed',
  409: 'That cannot be done now',
  410: 'This link no longer works',
  429: 'Too many attempts',
  503: 'Service unavailable',
}

/**
 * The one error view. Routes throw `Response`s for 4xx; their text is meant for people.
 * Anything else is an unexpected error and shows no detail.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const message = isRouteErrorResponse(error)
    ? typeof error.data === 'string' && error.data
      ? error.data
      : error.statusText
    : 'Something went wrong on our side. Please try again in a moment.'
  if (!isRouteErrorResponse(error) && typeof document !== 'undefined') console.error(error)
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-brand-600 dark:text-brand-100">Error {status}</p>
      <h1 id="error-title" className="mt-2 text-3xl font-bold tracking-tight">
        {titles[status] ?? 'Something went wrong'}
      </h1>
      <p className="mt-4 text-slate-600 dark:text-slate-300">{message}</p>
      <p className="mt-8">
        <Link to="/" className="font-medium text-brand-600 underline-offset-4 hover:underline dark:text-brand-100">
          Go to the home page
        </Link>
      </p>
    </section>
  )
}
