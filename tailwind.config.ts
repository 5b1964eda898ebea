import type { Config } from 'tailwindcss'

// Loaded by app/tailwind.css through `@config`; Tailwind v4 finds the sources itself.
export default {
  content: ['./app/**/*.{ts,tsx}'],
  darkMode: 'media',
  theme: {
    extend: {
      fontFamily: {
        sans: ['Inter', 'ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'sans-serif'],
      },
      colors: {
        brand: {
          50: '#eef6ff',
          100: '#d9eaff',
          500: '#2f6fed',
          600: '#1f56d6',
          700: '#1a45ad',
          900: '#16306b',
        },
      },
    },
  },
} satisfies Config
