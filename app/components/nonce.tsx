import { createContext, useContext } from 'react'

// The per-request CSP nonce, set by the server and read by every inline script tag.
const NonceContext = createContext<string>('')

export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
