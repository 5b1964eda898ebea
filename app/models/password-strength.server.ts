import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

// Common and breached passwords are refused offline (ASVS V6.2.4, V6.2.11, V6.2.12;
// NIST SP 800-63B 3.1.1.2): zxcvbn-ts knows the most common passwords, names, words and
// keyboard patterns, and estimates how many guesses a password takes. Its dictionaries
// are large, so they load once, on the first check, not at start.

/** zxcvbn's score: 0 and 1 fall to an online or a fast offline guessing attack. */
export const MIN_SCORE = 2

let factory: Promise<ZxcvbnFactory> | null = null
function load() {
  factory ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ])
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    })
  })()
  return factory
}

/** Why a new password is too easy to guess, or null when it is acceptable. */
export async function weakPasswordReason(password: string, userInputs: string[] = []): Promise<string | null> {
  // The email's parts and the name's words count as known to an attacker.
  const known = userInputs.flatMap((input) => [input, ...input.toLowerCase().split(/[@\s]+/)]).filter(Boolean)
  const result = (await load()).check(password.slice(0, 128), known)
  if (result.score >= MIN_SCORE) return null
  const hint = result.feedback.warning ? ` ${result.feedback.warning}` : ''
  return `That password is too easy to guess: it is common or appears in lists of leaked passwords.${hint} Try a few unrelated words.`
}
