/** One call to the Berth API with an API token; the body parsed as JSON. */
export async function callApi(
  apiUrl: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const FINAL = ['succeeded', 'failed', 'rejected', 'timed_out'];

/** The action once it has a final status, or undefined while it is queued, sent or running. */
export async function finishedAction(
  apiUrl: string,
  token: string,
  actionId: unknown,
): Promise<Record<string, unknown> | undefined> {
  const action = await callApi(apiUrl, token, 'GET', `/api/v1/actions/${String(actionId)}`);
  return FINAL.includes(String(action.body.status)) ? action.body : undefined;
}
