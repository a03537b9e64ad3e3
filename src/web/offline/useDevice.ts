import { useCallback, useEffect, useState } from 'react';
import { lastSync, loadHouseholds, outbox, type OfflineHousehold, type OutboxItem } from './device.ts';
import { deviceEvents } from './sync.ts';

export interface DeviceState {
  online: boolean;
  items: OutboxItem[];
  households: OfflineHousehold[];
  lastSync: string | undefined;
  loaded: boolean;
}

/** What the offline pages show: the signal, the outbox, the copy; reread on every change. */
export function useDevice(): DeviceState {
  const [state, setState] = useState<DeviceState>({
    online: navigator.onLine,
    items: [],
    households: [],
    lastSync: undefined,
    loaded: false,
  });
  const reload = useCallback(async () => {
    const [items, households, synced] = await Promise.all([outbox(), loadHouseholds(), lastSync()]);
    households.sort(
      (a, b) => a.buildingNumber.localeCompare(b.buildingNumber) || a.room.localeCompare(b.room),
    );
    setState({ online: navigator.onLine, items, households, lastSync: synced, loaded: true });
  }, []);
  useEffect(() => {
    void reload();
    const onChange = () => void reload();
    deviceEvents.addEventListener('change', onChange);
    window.addEventListener('online', onChange);
    window.addEventListener('offline', onChange);
    return () => {
      deviceEvents.removeEventListener('change', onChange);
      window.removeEventListener('online', onChange);
      window.removeEventListener('offline', onChange);
    };
  }, [reload]);
  return state;
}
