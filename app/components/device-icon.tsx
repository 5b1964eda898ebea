import { HelpCircle, Monitor, Smartphone, Tablet, Tv } from 'lucide-react'

const icons = { desktop: Monitor, mobile: Smartphone, tablet: Tablet, tv: Tv } as const
const names = { desktop: 'Computer', mobile: 'Phone', tablet: 'Tablet', tv: 'TV' } as const

export function DeviceIcon({ type, className = 'h-6 w-6' }: { type: string; className?: string }) {
  const Icon = icons[type as keyof typeof icons] ?? HelpCircle
  const name = names[type as keyof typeof names] ?? 'Other device'
  return <Icon role="img" aria-label={name} className={className} />
}
