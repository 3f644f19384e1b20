/**
 * Sign-in with the Cognito hosted UI: authorization code with PKCE (no client secret in the
 * browser). Tokens live in sessionStorage (gone with the tab); the API gets the ID token as a
 * bearer token. Nothing here runs when the runtime config has no `auth` (the local console).
 */
import type { RuntimeConfig } from './types.js';

type AuthConfig = NonNullable<RuntimeConfig['auth']>;

const TOKENS = 'clausewatch.tokens';
const PENDING = 'clausewatch.pkce';

interface StoredTokens {
  idToken: string;
  accessToken: string;
  /** Epoch milliseconds after which the tokens are not used. */
  expiresAt: number;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function hostedUi(auth: AuthConfig, path: string, parameters: Record<string, string>): string {
  const url = new URL(path, `https://${auth.domain.replace(/^https:\/\//, '')}`);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.href;
}

function storedTokens(): StoredTokens | null {
  try {
    const tokens = JSON.parse(sessionStorage.getItem(TOKENS) ?? 'null') as StoredTokens | null;
    return tokens && tokens.expiresAt > Date.now() + 30_000 ? tokens : null;
  } catch {
    return null;
  }
}

/** The user's e-mail or name from the ID token, for the header; the API verifies the token itself. */
export function signedInAs(): string | null {
  const token = storedTokens()?.idToken;
  if (!token) return null;
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { email?: string; 'cognito:username'?: string };
    return payload.email ?? payload['cognito:username'] ?? null;
  } catch {
    return null;
  }
}

async function redirectToSignIn(auth: AuthConfig): Promise<never> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  window.location.assign(
    hostedUi(auth, '/oauth2/authorize', {
      response_type: 'code',
      client_id: auth.clientId,
      redirect_uri: auth.redirectUri,
      scope: 'openid email',
      state,
      code_challenge_method: 'S256',
      code_challenge: await challengeOf(verifier),
    }),
  );
  // The page is leaving; nothing after this should run.
  return new Promise<never>(() => undefined);
}

async function exchangeCode(auth: AuthConfig, code: string, state: string): Promise<void> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== state) throw new Error('The sign-in answer does not match this tab; sign in again.');
  const response = await fetch(hostedUi(auth, '/oauth2/token', {}), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: auth.redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`Sign-in failed (${response.status}); sign in again.`);
  const tokens = (await response.json()) as { id_token: string; access_token: string; expires_in: number };
  sessionStorage.setItem(
    TOKENS,
    JSON.stringify({ idToken: tokens.id_token, accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 }),
  );
}

/**
 * The bearer token for API calls: null without sign-in; otherwise a valid token, after finishing
 * a sign-in that just came back (`?code=…&state=…`) or after sending the user to sign in.
 */
export async function bearerToken(config: RuntimeConfig): Promise<string | null> {
  const auth = config.auth;
  if (!auth) return null;
  const query = new URLSearchParams(window.location.search);
  const code = query.get('code');
  const state = query.get('state');
  if (code && state) {
    // Keep the one-time code out of the history and out of any later Referer.
    window.history.replaceState(null, '', window.location.pathname);
    await exchangeCode(auth, code, state);
  }
  const tokens = storedTokens();
  return tokens ? tokens.idToken : redirectToSignIn(auth);
}

export function signOut(config: RuntimeConfig): void {
  sessionStorage.removeItem(TOKENS);
  if (config.auth) window.location.assign(hostedUi(config.auth, '/logout', { client_id: config.auth.clientId, logout_uri: config.auth.redirectUri }));
}
