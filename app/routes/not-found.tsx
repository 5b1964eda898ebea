import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'

// Any URL no route claims: a friendly 404 through the one error boundary.
export function loader() {
  throw new Response('We could not find that page. Check the address, or start from the home page.', {
    status: 404,
  })
}

export function action() {
  throw new Response('We could not find that page.', { status: 404 })
}

export default function NotFound() {
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
