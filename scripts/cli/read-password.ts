import readline from 'node:readline'

/** The password from stdin (`--password-stdin`) or a prompt that does not echo it. */
export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    let input = ''
    for await (const chunk of process.stdin) input += String(chunk)
    return input.replace(/\r?\n$/, '')
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const output = rl as unknown as { _writeToOutput: (text: string) => void }
  let muted = false
  output._writeToOutput = (text) => {
    if (!muted) process.stdout.write(text)
  }
  const password = await new Promise<string>((resolve) => {
    rl.question('Password: ', resolve)
    muted = true
  })
  rl.close()
  process.stdout.write('\n')
  return password
}
