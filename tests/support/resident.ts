import type { Me, SignInResponse, VillageList } from "@hvs/shared/api";
import { CONSENT_VERSION } from "@hvs/shared/consent";
import type { StartedSystem } from "./started-system";

export async function apiJson<T>(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Signs a demo resident in through the Zalo stand-in, as the demo sign-in screen does (consent given), and
 * gives them a village if they have none. Returns the session and who it is: what the phone keeps.
 */
export async function signInResident(system: StartedSystem, name?: string): Promise<{ token: string; me: Me }> {
  const { users } = await apiJson<{ users: { id: string; name: string }[] }>(`${system.standInUrl}/demo/users`);
  const user = name ? users.find((u) => u.name === name) : users[0];
  if (!user) throw new Error(`no demo resident ${name ?? ""}`);
  const { access_token } = await apiJson<{ access_token: string }>(`${system.standInUrl}/demo/token`, {
    method: "POST",
    body: { userId: user.id },
  });
  const { sessionToken, me } = await apiJson<SignInResponse>(`${system.apiUrl}/api/auth/zalo`, {
    method: "POST",
    body: { accessToken: access_token, consentVersion: CONSENT_VERSION },
  });
  if (!me.village) {
    const list = await apiJson<VillageList>(`${system.apiUrl}/api/villages`, { token: sessionToken });
    const villageId = list.communes[0]?.villages[0]?.id;
    if (villageId === undefined) throw new Error("no village to choose");
    await apiJson<Me>(`${system.apiUrl}/api/me/village`, { method: "PUT", token: sessionToken, body: { villageId } });
  }
  return { token: sessionToken, me: await apiJson<Me>(`${system.apiUrl}/api/me`, { token: sessionToken }) };
}
