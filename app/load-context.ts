// What the Express server hands every loader and action.
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Nonce for this response's Content-Security-Policy. */
    cspNonce: string
    /** The client's IP: the socket's, or from X-Forwarded-For only when TRUST_PROXY says so. */
    clientIp: string
  }
}

export {}
