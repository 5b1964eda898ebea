export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 py-6 text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400">
      <div className="mx-auto flex max-w-5xl flex-wrap justify-between gap-2 px-4">
        <p>Doorman — you decide where you are signed in.</p>
        <p>Sessions are checked on every request; tokens are stored only as hashes.</p>
        <p className="w-full">
          Approximate locations:{' '}
          <a href="https://db-ip.com" className="underline hover:text-slate-700 dark:hover:text-slate-200">
            IP geolocation by DB-IP
          </a>
        </p>
      </div>
    </footer>
  )
}
