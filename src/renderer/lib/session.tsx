import { createContext, useContext } from 'react';
import type { SessionInfo, StoreProfile } from '../../shared/contract/system';

export interface ShellContextValue {
  session: SessionInfo;
  store: StoreProfile | null;
  setStore: (s: StoreProfile) => void;
  /** Route an error: LOCKED → lock screen, UNAUTHENTICATED → sign-in, everything else → error toast. */
  onError: (err: unknown) => void;
  can: (permission: string) => boolean;
}

export const ShellContext = createContext<ShellContextValue | null>(null);

export function useShell(): ShellContextValue {
  const v = useContext(ShellContext);
  if (!v) throw new Error('useShell outside the signed-in shell');
  return v;
}
