const DEFAULT = '/devices'

/**
 * Follows `redirectTo` only when it is a path on this site. "//evil.example" and
 * "/\evil.example" are protocol-relative URLs to another host, hence the checks:
 * without them, a sign-in link could send people to a look-alike site (open redirect).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT): string {
  if (typeof to !== 'string' || to.length > 2000) return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // Control characters could split headers or hide a scheme from this check.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(to)) return fallback
  return to
}
