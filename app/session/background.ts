// Requests nobody asked for: the page reloading its data because the live stream said a
// device changed, or a progress poll. An idle open tab sends them for hours, so they must
// not count as activity, or the idle timeout would never end an abandoned tab's session.
// The browser marks them with this header (app/components/live/background-refresh.ts).

export const BACKGROUND_HEADER = 'X-Doorman-Background'

/**
 * Whether a request is a background read: a GET or HEAD carrying the marker. The marker
 * only spares the activity write; the session is validated as on any other request, and
 * a write (POST) is activity whatever it carries.
 */
export function isBackgroundRead(request: Request) {
  return (request.method === 'GET' || request.method === 'HEAD') && request.headers.get(BACKGROUND_HEADER) === '1'
}
