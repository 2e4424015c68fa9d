/** The mark: three berths (lines) in a rounded dock. */
export function BerthLogo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--accent)" />
      <path
        d="M8 11h16M8 16h16M8 21h10"
        stroke="var(--accent-text)"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
