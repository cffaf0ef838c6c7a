import type { SessionResponse } from '@wijksignaal/contracts/session';

/** The signed-in session of this browser tab: kept in sessionStorage, so it ends when the tab closes. */
export interface StoredSession {
  accessToken: string;
  role: SessionResponse['role'];
  partnerId?: string;
  /** Epoch milliseconds; a session past it counts as signed out. */
  expiresAt: number;
}

const STORAGE_KEY = 'wijksignaal.session';

function read(): StoredSession | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSession;
    return typeof parsed.accessToken === 'string' && parsed.expiresAt > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

class SessionState {
  current = $state<StoredSession | null>(read());

  /** The bearer token to send, or null when signed out or expired. */
  token(): string | null {
    if (this.current && this.current.expiresAt <= Date.now()) this.signOut();
    return this.current?.accessToken ?? null;
  }

  signIn(response: SessionResponse, now = Date.now()): void {
    this.current = {
      accessToken: response.accessToken,
      role: response.role,
      ...(response.partnerId ? { partnerId: response.partnerId } : {}),
      expiresAt: now + response.expiresIn * 1000,
    };
    globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(this.current));
  }

  signOut(): void {
    this.current = null;
    globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  }
}

export const session = new SessionState();
