import type { Page } from 'playwright-core';

export type Person = { name: string; email: string; password: string };

/**
 * Fills the console's sign-up form as a person would and waits until the console has signed them
 * in and sent them on. Without `orgName` the form's organisation field is left as it is (an invite
 * sign-up has none).
 */
export async function signUp(page: Page, person: Person & { orgName?: string }): Promise<void> {
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Work email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  if (person.orgName !== undefined) await page.getByLabel('Organisation').fill(person.orgName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'), { timeout: 20_000 });
}
