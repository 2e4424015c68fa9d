import { redirect } from 'next/navigation';

/** Settings open on the members list: the section every role can read. */
export default function SettingsPage() {
  redirect('/settings/members');
}
